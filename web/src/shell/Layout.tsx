import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
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
        <div className="tools">
          <span className={`live live-${live}`} role="status" aria-live="polite">
            <span className="dot" aria-hidden="true" />
            {t(`live.${live}`)}
          </span>
          <LanguageSwitch />
          {person && (
            <span className="who" title={person.email ?? undefined}>
              {person.name}
            </span>
          )}
          <button type="button" className="btn small" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
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
