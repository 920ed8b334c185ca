import { useTranslation } from 'react-i18next';
import { useNotifications, useTimeline } from '../api/queries';
import type { Incident, Notification, Playbook } from '../api/types';
import { formatInZone, pick } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';

/** The timeline (who did what, for whom) and the notifications sent, with their delivery state. */
export function IncidentHistory({ incident, playbook, zone }: { incident: Incident; playbook?: Playbook; zone?: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(incident.id);
  const notes = useNotifications(incident.id);
  const lang = i18n.language;
  // The service names the person a deputy stood in for (onBehalfOfName), for readers who may not list people.
  const behalf = (name: string | null) => (name ? t('timeline.onBehalfOf', { name }) : t('timeline.onBehalfOfHolder'));
  // A notification goes to an outside party of the playbook (its title) or, escalating, to a role (its title).
  const audience = (n: Notification) =>
    // An escalation step tells a role, or an outside party when its chain names one.
    pick(((n.kind === 'escalation' ? playbook?.roles.find((r) => r.key === n.audience) : undefined) ?? playbook?.parties.find((p) => p.key === n.audience))?.title, lang) || n.audience;
  const taskTitle = (d: Record<string, unknown> | null) => {
    const key = typeof d?.template === 'string' ? d.template : null;
    return key ? pick(playbook?.taskTemplates.find((x) => x.key === key)?.title, lang) || key : null;
  };
  const eventTitle = (type: string) => pick(playbook?.events.find((e) => e.type === type)?.title, lang) || t(`timeline.type.${type}`, { defaultValue: type });
  const levelTitle = (id: string) => pick(playbook?.levels.find((l) => l.id === id)?.title, lang) || id;
  return (
    <>
      <section className="panel" aria-labelledby="tl-title">
        <h2 id="tl-title">{t('incident.timeline')}</h2>
        {timeline.isPending ? (
          <Loading />
        ) : timeline.isError ? (
          <ErrorView error={timeline.error} onRetry={() => void timeline.refetch()} />
        ) : (
          <ol className="timeline">
            {[...timeline.data].reverse().map((e) => (
              <li key={e.seq}>
                <p>
                  <time dateTime={e.at}>{formatInZone(e.at, lang, zone)}</time> — <strong>{eventTitle(e.type)}</strong>
                  {taskTitle(e.data) && `: ${taskTitle(e.data)}`}
                </p>
                <p className="muted">
                  {t('timeline.by', { actor: e.actor })}
                  {e.onBehalfOf && ` · ${behalf(e.onBehalfOfName)}`}
                  {e.from && e.from.level !== e.to.level && ` · ${levelTitle(e.from.level)} → ${levelTitle(e.to.level)}`}
                </p>
                {e.note && <p className="note">“{e.note}”</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="panel" aria-labelledby="nt-title">
        <h2 id="nt-title">{t('incident.notifications')}</h2>
        {notes.isPending ? (
          <Loading />
        ) : notes.isError ? (
          <ErrorView error={notes.error} what={t('incident.notifications')} onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <p className="muted">{t('incident.noNotifications')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">{t('notification.kind')}</th>
                  <th scope="col">{t('notification.to')}</th>
                  <th scope="col">{t('notification.status')}</th>
                  <th scope="col">{t('notification.when')}</th>
                </tr>
              </thead>
              <tbody>
                {notes.data.map((n) => (
                  <tr key={n.id}>
                    <td data-label={t('notification.kind')}>
                      {t(`notification.kinds.${n.kind}`, { defaultValue: n.kind })}
                      {n.audience && (
                        <span className="muted small" title={n.audience}>
                          {' '}
                          · {audience(n)}
                        </span>
                      )}
                    </td>
                    <td data-label={t('notification.to')}>
                      <span title={n.channel}>{t(`notification.channels.${n.channel}`, { defaultValue: n.channel })}</span>
                      {n.address && <span className="addr">: {n.address}</span>}
                    </td>
                    <td data-label={t('notification.status')}>
                      <span className={`badge status-${n.status}`}>{t(`notification.${n.status}`)}</span>
                      {n.attempts > 1 && ` · ${t('notification.attempts', { count: n.attempts })}`}
                      {n.lastError && n.status !== 'delivered' && <span className="muted small"> · {n.lastError}</span>}
                    </td>
                    <td data-label={t('notification.when')}>{formatInZone(n.deliveredAt ?? n.createdAt, lang, zone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
