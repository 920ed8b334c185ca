import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { ApiError } from '../api/http';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

/** What went wrong, in words, with a way on: never a blank page. */
export function ErrorView({ error, what, onRetry }: { error: unknown; what?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const e = error instanceof ApiError ? error : null;
  if (e?.status === 404) return <NotFound />;
  let title: string;
  let detail: string | undefined;
  // Asking again helps only when the service was unreachable or failing, not after a refusal.
  const transient = !e || e.status === 0 || e.status >= 500;
  if (e?.status === 403) {
    title = t('error.forbiddenTitle');
    detail = t('error.forbidden', { what: what ?? t('error.thisPage') });
  } else if (!e || e.status === 0 || e.status >= 500) {
    title = t('error.networkTitle');
    detail = t('error.network');
  } else {
    title = t('error.title');
    detail = e.message;
  }
  return (
    <section className="panel error-panel" role="alert" aria-labelledby="error-title">
      <h2 id="error-title">{title}</h2>
      {detail && <p>{detail}</p>}
      <p className="actions">
        {onRetry && transient && (
          <button type="button" className="btn primary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        )}
        <Link className="btn" to="/">
          {t('error.home')}
        </Link>
      </p>
    </section>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="nf-title">
      <h2 id="nf-title">{t('error.notFoundTitle')}</h2>
      <p>{t('error.notFound')}</p>
      <Link className="btn" to="/">
        {t('error.home')}
      </Link>
    </section>
  );
}

export function RouteError() {
  const error = useRouteError();
  const status = (error as { status?: number } | null)?.status;
  if (status === 404) return <NotFound />;
  return <ErrorView error={error} onRetry={() => window.location.reload()} />;
}

/** A small inline error under a form or a button. */
export function InlineError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const text =
    e?.status === 403
      ? t('error.forbidden', { what: t('error.thisAction') })
      : !e || e.status === 0 || e.status >= 500
        ? t('error.network')
        : e.message;
  return (
    <p className="inline-error" role="alert">
      {text}
    </p>
  );
}
