import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, client, data } from '../api/http';
import { useSignedIn } from '../lib/auth';
import { formatForReader } from '../lib/format';
import { InlineError, Loading } from '../shell/States';
import { AuthFrame } from './SignInPage';

const MIN_PASSWORD = 10;

/** A one-time link: the token is in the fragment (#…), so it never reaches a server log or a Referer. */
export function LinkPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const info = useQuery({
    queryKey: ['link', token],
    queryFn: () => data(client.GET('/auth/links/{token}', { params: { path: { token } } })),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
  });
  const redeem = useMutation({
    mutationFn: (body: { token: string; password?: string }) => data(client.POST('/auth/links/redeem', { body })),
    onSuccess: (s) => {
      signedIn(s);
      // The token is spent: take it out of the address bar and the history.
      window.history.replaceState(null, '', window.location.pathname);
      void navigate('/', { replace: true });
    },
    retry: false,
  });

  if (!token) {
    return (
      <AuthFrame title={t('link.title')}>
        <p>{t('link.missing')}</p>
        <Link to="/sign-in">{t('link.toSignIn')}</Link>
      </AuthFrame>
    );
  }
  if (info.isPending) return <AuthFrame title={t('link.title')}><Loading /></AuthFrame>;
  if (info.isError) {
    const s = info.error instanceof ApiError ? info.error.status : 0;
    return (
      <AuthFrame title={t('link.title')}>
        <p role="alert">{s === 404 ? t('link.unknown') : s === 410 ? t('link.used') : t('error.network')}</p>
        <Link to="/sign-in">{t('link.toSignIn')}</Link>
      </AuthFrame>
    );
  }
  const l = info.data;
  const needsPassword = l.kind === 'invite' || l.kind === 'reset';
  const tooShort = password.length < MIN_PASSWORD;
  const mismatch = password !== again;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (needsPassword && (tooShort || mismatch)) return;
    redeem.mutate(needsPassword ? { token, password } : { token });
  };
  return (
    <AuthFrame title={t(`link.kind.${l.kind}`)}>
      <p>
        {t('link.for')} <strong>{l.person.name}</strong> ({l.person.email})
      </p>
      <p className="muted">{t('link.expires', { at: formatForReader(l.expiresAt, i18n.language) })}</p>
      <form onSubmit={submit} noValidate>
        {needsPassword && (
          <>
            <div className="field">
              <label htmlFor="new-password">{t('link.newPassword')}</label>
              <input
                id="new-password"
                type="password"
                autoComplete="new-password"
                aria-describedby="pw-hint"
                aria-invalid={touched && tooShort}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <p id="pw-hint" className={`hint ${touched && tooShort ? 'bad' : ''}`}>
                {t('link.passwordHint', { n: MIN_PASSWORD })}
              </p>
            </div>
            <div className="field">
              <label htmlFor="repeat-password">{t('link.repeatPassword')}</label>
              <input id="repeat-password" type="password" autoComplete="new-password" aria-invalid={touched && mismatch} value={again} onChange={(e) => setAgain(e.target.value)} />
              {touched && mismatch && <p className="hint bad">{t('link.mismatch')}</p>}
            </div>
          </>
        )}
        <InlineError error={redeem.error} />
        <button type="submit" className="btn primary wide" disabled={redeem.isPending}>
          {needsPassword ? t('link.setAndSignIn') : t('link.signIn')}
        </button>
      </form>
    </AuthFrame>
  );
}
