import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { setCsrfToken } from '../api/client';
import { client } from '../api/http';
import { setLang, type Lang } from '../i18n';
import { useSession } from '../lib/auth';
import { useLive } from '../lib/live';
import { Loading } from './States';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      <span className="sr-only">{t('shell.language')}</span>
      <select aria-label={t('shell.language')} value={i18n.language} onChange={(e) => setLang(e.target.value as Lang)}>
        <option value="vi" lang="vi">
          Tiếng Việt
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const person = session.data?.person;
  const live = useLive(!!person);
  const qc = useQueryClient();
  const navigate = useNavigate();
  // On a phone the name, language and sign-out sit behind one button, so the bar is one row and the first
  // task shows without scrolling; on a wide screen they are always shown (CSS) and the button is hidden.
  const [menuOpen, setMenuOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const account = useRef<HTMLDivElement>(null);
  // An open menu closes on Escape (focus back on its button) and on a press anywhere outside it.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      toggle.current?.focus();
    };
    const onPress = (e: PointerEvent) => {
      if (!account.current?.contains(e.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPress);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPress);
    };
  }, [menuOpen]);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);

  const signOut = async () => {
    try {
      await client.POST('/auth/sign-out');
    } catch {
      // Unreachable or already signed out: forget the session here all the same.
    } finally {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(['session'], null);
      void navigate('/sign-in');
    }
  };

  return (
    <>
      <a className="skip" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <div className="brand">{t('shell.app')}</div>
        <nav aria-label={t('shell.nav')}>
          <NavLink to="/board">{t('nav.board')}</NavLink>
          <NavLink to="/tasks">{t('nav.tasks')}</NavLink>
          {person?.admin && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
        </nav>
        <span className={`live live-${live}`} role="status" aria-live="polite">
          <span className="dot" aria-hidden="true" />
          <span className="live-text">{t(`live.${live}`)}</span>
        </span>
        <div className="account" ref={account}>
          <button
            type="button"
            ref={toggle}
            className="btn small account-toggle"
            aria-expanded={menuOpen}
            aria-controls="account-panel"
            title={person?.name}
            onClick={() => setMenuOpen((o) => !o)}
          >
            <span aria-hidden="true">☰</span>
            <span className="sr-only">{person ? t('shell.accountOf', { name: person.name }) : t('shell.account')}</span>
          </button>
          <div id="account-panel" className={`tools${menuOpen ? ' open' : ''}`}>
            {person && (
              <span className="who" title={person.email ?? undefined}>
                {person.name}
              </span>
            )}
            <LanguageSwitch />
            <button type="button" className="btn small" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
