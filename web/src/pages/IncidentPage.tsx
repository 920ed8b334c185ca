import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDiagram, useIncident, usePlaybook, useUnits } from '../api/queries';
import type { Playbook, Task } from '../api/types';
import { useMe } from '../lib/auth';
import { gatesOf, stateId, type Diagram } from '../lib/diagram';
import { formatInZone, pick, readerZone, useNow, zoneName } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';
import { EventActions } from './EventActions';
import { IncidentHistory } from './IncidentHistory';
import { Migrate } from './Migrate';
import { BothLanguages, LevelBadge, TaskDue, TaskShare } from './parts';
import { ReassignTask } from './ReassignTask';
import { TaskRowActions } from './TaskRowActions';

const DiagramView = lazy(() => import('./DiagramView'));

export function IncidentPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const incident = useIncident(id);
  const playbook = usePlaybook(incident.data?.playbook);
  const diagram = useDiagram(incident.data?.playbook);
  const units = useUnits();
  const now = useNow(1000);
  if (incident.isPending) return <Loading />;
  if (incident.isError) return <ErrorView error={incident.error} what={t('incident.what')} onRetry={() => void incident.refetch()} />;
  const inc = incident.data;
  const unit = units.data?.find((u) => u.id === inc.unit);
  const zone = zoneName(unit?.timeZone);
  const d = diagram.data;
  const step = d?.states.get(stateId(inc.state));
  // A phase of the response (recovery, closed) is not a level: it ranks -1 and is named as a phase.
  const rank = playbook.data?.levels.find((l) => l.id === inc.level)?.rank ?? 0;
  const lang = i18n.language;

  return (
    <div className="page incident">
      <p className="crumbs">
        <Link to="/board">{t('nav.board')}</Link> / {unit?.name ?? inc.unit}
      </p>
      <div className="page-head">
        <h1>{inc.title || pick(playbook.data?.title, lang) || inc.playbook}</h1>
      </div>
      <section className={`panel summary level-r${Math.min(Math.max(rank, 0), 4)}`} aria-labelledby="sum-title">
        <h2 id="sum-title" className="sr-only">
          {t('incident.summary')}
        </h2>
        <dl className="facts">
          <div>
            <dt>{inc.phase ? t('incident.phase') : t('incident.level')}</dt>
            <dd>
              <LevelBadge rank={rank} title={pick(inc.levelTitle, lang)} />
              <span className="other-lang" lang={lang === 'en' ? 'vi' : 'en'}>
                {lang === 'en' ? inc.levelTitle.vi : inc.levelTitle.en}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('incident.step')}</dt>
            <dd>{step && step.parent ? <BothLanguages text={step.title} className="both" /> : <span className="muted">{t('incident.noStep')}</span>}</dd>
          </div>
          <div>
            <dt>{t('incident.playbook')}</dt>
            <dd>
              {pick(playbook.data?.title, lang) || inc.playbook} · {t('incident.version', { n: inc.playbookVersion })}
            </dd>
          </div>
          <div>
            <dt>{t('incident.unit')}</dt>
            <dd>
              {unit?.name ?? inc.unit} ({zone ?? readerZone()})
            </dd>
          </div>
          <div>
            <dt>{t('incident.opened')}</dt>
            <dd>{formatInZone(inc.createdAt, lang, zone)}</dd>
          </div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="act-title">
        <h2 id="act-title">{t('incident.actions')}</h2>
        <EventActions incident={inc} playbook={playbook.data} diagram={d} zone={zone} />
        {inc.latestPlaybookVersion > inc.playbookVersion && <Migrate incident={inc} diagram={d} />}
      </section>

      <section className="panel" aria-labelledby="tasks-title">
        <h2 id="tasks-title">{t('incident.openTasks', { count: inc.openTasks.length })}</h2>
        {inc.openTasks.length === 0 ? <p className="muted">{t('incident.noTasks')}</p> : <TasksByStep tasks={inc.openTasks} diagram={d} playbook={playbook.data} unit={inc.unit} zone={zone} now={now} />}
      </section>

      <IncidentHistory incident={inc} playbook={playbook.data} zone={zone} />

      <section className="panel" aria-labelledby="diagram-title">
        <h2 id="diagram-title">{t('incident.diagram')}</h2>
        {diagram.isError ? (
          <ErrorView error={diagram.error} onRetry={() => void diagram.refetch()} />
        ) : d ? (
          <Suspense fallback={<Loading />}>
            <DiagramView diagram={d} current={inc.state} playbook={playbook.data} />
          </Suspense>
        ) : (
          <Loading />
        )}
      </section>
    </div>
  );
}

/** Tasks grouped by the step that waits on them (from the diagram's gates); the rest under "this level". */
function TasksByStep({ tasks, diagram, playbook, unit, zone, now }: { tasks: Task[]; diagram?: Diagram; playbook?: Playbook; unit: string; zone?: string; now: number }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const gate = diagram ? gatesOf(diagram, task.template)[0] : undefined;
    const k = gate?.from ?? '';
    groups.set(k, [...(groups.get(k) ?? []), task]);
  }
  const role = (key: string) => pick(playbook?.roles.find((r) => r.key === key)?.title, i18n.language) || key;
  return (
    <>
      {[...groups].map(([k, list]) => (
        <div key={k} className="task-group">
          <h3>{k && diagram?.states.get(k) ? pick(diagram.states.get(k)!.title, i18n.language) : t('incident.thisLevel')}</h3>
          <ul className="tasks">
            {list
              .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
              .map((task) => (
                <li key={task.id} className="task" aria-labelledby={`t-${task.id}`}>
                  <p className="task-title" id={`t-${task.id}`}>
                    {pick(task.title, i18n.language)}
                  </p>
                  <p className="muted">
                    {t('task.assignee')}: {role(task.assignedRole)}
                    {task.assignedRole !== task.role && ` (${t('task.insteadOf', { role: role(task.role) })})`}
                    {me.data && task.assignees.includes(me.data.id) && ` · ${t('task.you')}`}
                    {task.unassignedRole && ` · ${t('task.nobody')}`}
                  </p>
                  <TaskShare task={task} me={me.data?.id} />
                  <TaskDue task={task} timeZone={zone} now={now} />
                  {task.acknowledgedBy && <p className="muted">{t('task.acknowledgedBy', { name: task.acknowledgedBy.name })}</p>}
                  <TaskRowActions task={task}>
                    <ReassignTask task={task} playbook={playbook} unit={unit} />
                  </TaskRowActions>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </>
  );
}
