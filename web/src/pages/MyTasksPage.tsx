import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import { useDiagrams, useMyTasks, useUnits } from '../api/queries';
import type { Task } from '../api/types';
import { useNow } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';
import { TaskCard } from './TaskCard';

/** Open tasks of the reader, overdue first: the assignee's home, laid out for a phone. */
export function MyTasksPage() {
  const { t } = useTranslation();
  const tasks = useMyTasks();
  const units = useUnits();
  const now = useNow(1000);
  // The incidents behind the tasks, each by itself (shared with the incident page and refreshed by the live
  // stream): their unit gives the zone, their playbook what a task unblocks.
  const ids = [...new Set((tasks.data ?? []).map((task) => task.incidentId))];
  const incidentQueries = useQueries({
    queries: ids.map((id) => ({ queryKey: ['incident', id], queryFn: () => data(client.GET('/incidents/{id}', { params: { path: { id } } })) })),
  });
  const incidents = new Map(incidentQueries.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  const diagramOf = useDiagrams([...incidents.values()].map((i) => i.playbook));

  if (tasks.isPending) return <Loading />;
  if (tasks.isError) return <ErrorView error={tasks.error} what={t('tasks.title')} onRetry={() => void tasks.refetch()} />;
  const list = [...tasks.data].sort((a, b) => overdueFirst(a, b, now));
  return (
    <div className="page my-tasks">
      <div className="page-head">
        <h1>{t('tasks.title')}</h1>
        <p className="muted" aria-live="polite">
          {t('tasks.count', { count: list.length })}
        </p>
      </div>
      {list.length === 0 && <p className="empty">{t('tasks.empty')}</p>}
      <ul className="task-cards">
        {list.map((task) => {
          const inc = incidents.get(task.incidentId);
          const zone = units.data?.find((u) => u.id === inc?.unit)?.timeZone;
          return (
            <li key={task.id}>
              <TaskCard task={task} incident={inc} diagram={inc ? diagramOf.get(inc.playbook) : undefined} zone={zone} now={now} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function overdueFirst(a: Task, b: Task, now: number) {
  const ao = new Date(a.dueAt).getTime() < now ? 0 : 1;
  const bo = new Date(b.dueAt).getTime() < now ? 0 : 1;
  return ao - bo || a.dueAt.localeCompare(b.dueAt);
}
