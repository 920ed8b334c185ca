import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { client, data } from '../api/http';
import { formatInZone } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';

const PAGE = 50;

/** The append-only audit log, newest first, a page at a time (the page is in the address). */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const log = useQuery({
    queryKey: ['admin', 'audit', page],
    queryFn: () => data(client.GET('/audit', { params: { query: { limit: PAGE, offset: page * PAGE } } })),
    placeholderData: (p) => p,
  });
  const go = (p: number) => setParams(p ? { page: String(p) } : {});
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.audit.title')}</h2>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorView error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <div className="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.at')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.subject')}</th>
                  <th scope="col">{t('admin.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.map((r) => (
                  <tr key={String(r.id)}>
                    <td>{formatInZone(r.at, i18n.language, 'UTC')}</td>
                    <td>{r.actor}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td>{r.subject}</td>
                    <td>
                      <code className="small">{JSON.stringify(r.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t('admin.audit.pages')}>
            <button type="button" className="btn" disabled={page === 0} onClick={() => go(page - 1)}>
              {t('admin.audit.newer')}
            </button>
            <span>{t('admin.audit.page', { n: page + 1 })}</span>
            <button type="button" className="btn" disabled={log.data.length < PAGE} onClick={() => go(page + 1)}>
              {t('admin.audit.older')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
