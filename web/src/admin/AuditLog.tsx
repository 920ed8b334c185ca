import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { client, data } from '../api/http';
import { usePlaybookNames } from '../api/queries';
import type { AuditEntry } from '../api/types';
import { formatForReader } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';
import { nameOf, useAdminUnits, useAssignments, usePeople } from './admin-queries';

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
  const subject = useSubjectInWords();
  const action = (code: string) => t(`admin.audit.actions.${code}`, { defaultValue: code });
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
            <table className="stack">
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
                    <td data-label={t('admin.audit.at')}>{formatForReader(r.at, i18n.language)}</td>
                    <td data-label={t('admin.audit.actor')}>{r.actor}</td>
                    <td data-label={t('admin.audit.action')}>
                      <span title={r.action}>{action(r.action)}</span>
                    </td>
                    <td data-label={t('admin.audit.subject')}>
                      <span title={r.subject}>{subject(r)}</span>
                    </td>
                    <td data-label={t('admin.audit.details')}>
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

/**
 * An audit subject in words: `person:<id>` names the person, `unit:<id>` the unit, `unit:<id>/role:<key>` the
 * role there, `token:<id>` the token, `assignment:<id>` whose role it was. What cannot be named stays as stored.
 */
function useSubjectInWords(): (r: AuditEntry) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const people = usePeople();
  const units = useAdminUnits();
  const assignments = useAssignments();
  const tokens = useQuery({ queryKey: ['admin', 'tokens'], queryFn: () => data(client.GET('/tokens')) });
  const names = usePlaybookNames();
  const unit = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  return (r) => {
    const role = /^unit:([^/]+)\/role:(.+)$/.exec(r.subject);
    if (role) return t('admin.audit.subjects.role', { role: names.role(role[2]!, lang), unit: unit(role[1]!) });
    const m = /^([a-z-]+):(.+)$/.exec(r.subject);
    if (!m) return r.subject;
    const [, kind, id] = m as unknown as [string, string, string];
    switch (kind) {
      case 'person':
        return t('admin.audit.subjects.person', { name: nameOf(people.data, id) });
      case 'unit':
        return t('admin.audit.subjects.unit', { name: unit(id) });
      case 'token':
        return t('admin.audit.subjects.token', { name: tokens.data?.find((k) => k.id === id)?.name ?? id });
      case 'assignment': {
        const a = assignments.data?.find((x) => x.id === id);
        const name = a ? `${names.role(a.role, lang)} · ${nameOf(people.data, a.personId)} · ${unit(a.unitId)}` : id;
        return t('admin.audit.subjects.assignment', { name });
      }
      default:
        return r.subject;
    }
  };
}
