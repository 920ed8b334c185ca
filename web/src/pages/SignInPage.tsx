import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError, client, data, errorBody } from '../api/http';
import { useSession, useSignedIn } from '../lib/auth';
import { formatForReader } from '../lib/format';
import { LanguageSwitch } from '../shell/Layout';

/** Only paths inside the console: `next` comes from the address bar. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="topbar">
        <div className="brand">{t('shell.app')}</div>
        <div className="tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="auth">
        <section className="panel auth-panel" aria-labelledby="auth-title">
          <h1 id="auth-title">{title}</h1>
          {children}
        </section>
      </main>
    </>
  );
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const session = useSession();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => data(client.POST('/auth/sign-in', { body: { email, password } })),
    onSuccess: signedIn,
    retry: false,
  });
  const next = safeNext(params.get('next'));
  if (session.data) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  let error: string | null = null;
  const e = signIn.error;
  if (e instanceof ApiError) {
    if (e.status === 429) {
      const at = errorBody(e).retryAt;
      error = at
        ? t('signIn.tooMany', { at: formatForReader(String(at), i18n.language) })
        : t('signIn.tooManySoon');
    } else if (e.status === 401 || e.status === 400) error = t('signIn.wrong');
    else if (e.status === 0 || e.status >= 500) error = t('error.network');
    else error = e.message;
  } else if (e) error = t('error.network');

  return (
    <AuthFrame title={t('signIn.title')}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="email">{t('signIn.email')}</label>
          <input id="email" type="email" autoComplete="username" required value={email} onChange={(ev) => setEmail(ev.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(ev) => setPassword(ev.target.value)} />
        </div>
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary wide" disabled={signIn.isPending || !email || !password}>
          {signIn.isPending ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
      </form>
    </AuthFrame>
  );
}
