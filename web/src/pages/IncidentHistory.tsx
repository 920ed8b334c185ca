import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import { useNotifications, useTimeline } from '../api/queries';
import type { Incident, Playbook } from '../api/types';
import { useSession } from '../lib/auth';
import { formatInZone, pick } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';

/** The timeline (who did what, for whom) and the notifications sent, with their delivery state. */
export function IncidentHistory({ incident, playbook, zone }: { incident: Incident; playbook?: Playbook; zone: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(incident.id);
  const notes = useNotifications(incident.id);
  const lang = i18n.language;
  // The timeline names the person a deputy stood in for by id; only admins may list people to name them.
  const admin = !!useSession().data?.person.admin;
  const people = useQuery({ queryKey: ['admin', 'people'], queryFn: () => data(client.GET('/people')), enabled: admin, staleTime: 300_000 });
  const behalf = (id: string) => {
    const name = people.data?.find((p) => p.id === id)?.name ?? (/^[0-9a-f-]{36}$/i.test(id) ? null : id);
    return name ? t('timeline.onBehalfOf', { name }) : t('timeline.onBehalfOfHolder');
  };
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
                  {e.onBehalfOf && ` · ${behalf(e.onBehalfOf)}`}
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
            <table>
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
                    <td>
                      {t(`notification.kinds.${n.kind}`, { defaultValue: n.kind })}
                      {n.audience && <span className="muted small"> · {n.audience}</span>}
                    </td>
                    <td>
                      {n.channel}
                      {n.address && `: ${n.address}`}
                    </td>
                    <td>
                      <span className={`badge status-${n.status}`}>{t(`notification.${n.status}`)}</span>
                      {n.attempts > 1 && ` · ${t('notification.attempts', { count: n.attempts })}`}
                      {n.lastError && n.status !== 'delivered' && <span className="muted small"> · {n.lastError}</span>}
                    </td>
                    <td>{formatInZone(n.deliveredAt ?? n.createdAt, lang, zone)}</td>
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
