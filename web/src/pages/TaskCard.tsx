import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { client, data } from '../api/http';
import type { Incident, Task } from '../api/types';
import { useMe } from '../lib/auth';
import { gatesOf, type Diagram } from '../lib/diagram';
import { pick } from '../lib/format';
import { InlineError } from '../shell/States';
import { TaskDue, TaskShare } from './parts';

const DRAFT = (id: string) => `console.note.${id}`;

/** A typed note survives a reload, a dropped connection and a failed send: it is kept until the task is done. */
function useDraft(id: string): [string, (v: string) => void, () => void] {
  const [v, setV] = useState(() => {
    try {
      return localStorage.getItem(DRAFT(id)) ?? '';
    } catch {
      return '';
    }
  });
  useEffect(() => {
    try {
      if (v) localStorage.setItem(DRAFT(id), v);
      else localStorage.removeItem(DRAFT(id));
    } catch {
      // Storage full or disabled: the note still lives in this page.
    }
  }, [id, v]);
  return [v, setV, () => setV('')];
}


/** Acknowledge and complete one task, with its note kept as a draft until the task is done. */
export function useTaskActions(task: Task) {
  const qc = useQueryClient();
  const [note, setNote, clearNote] = useDraft(task.id);
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['tasks'] });
    void qc.invalidateQueries({ queryKey: ['incident', task.incidentId] });
    void qc.invalidateQueries({ queryKey: ['timeline', task.incidentId] });
    void qc.invalidateQueries({ queryKey: ['board'] });
  };
  const ack = useMutation({ mutationFn: () => data(client.POST('/tasks/{id}/acknowledge', { params: { path: { id: task.id } } })), onSuccess: done });
  const complete = useMutation({
    // Completing twice answers the done task unchanged, so a retry after a lost answer is safe.
    mutationFn: (n: string) => data(client.POST('/tasks/{id}/complete', { params: { path: { id: task.id } }, body: { note: n.trim() || undefined } })),
    onSuccess: () => {
      clearNote();
      done();
    },
  });
  return { note, setNote, ack, complete };
}

export function TaskCard({ task, incident, diagram, zone, now }: { task: Task; incident?: Incident; diagram?: Diagram; zone?: string; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const { note, setNote, ack, complete } = useTaskActions(task);
  const deputy = me.data?.assignments.find((a) => a.deputyFor && (a.role === task.assignedRole || a.role === task.role) && (!incident || a.unitId === incident.unit));
  const gates = diagram ? gatesOf(diagram, task.template) : [];
  const titleId = `task-${task.id}`;
  const pending = (m: { isPending: boolean; isPaused: boolean }) => (m.isPaused ? t('common.waitingNetwork') : t('common.sending'));
  // `assign: all`: completing is this person's signature; once given, there is nothing more for them to do.
  const signedByMe = task.assign === 'all' && task.signOffs.some((s) => s.personId === me.data?.id);

  return (
    <article className="task-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="task-title">
        {pick(task.title, lang)}
      </h2>
      {incident && (
        <p className="muted small">
          <Link to={`/incidents/${incident.id}`}>{incident.title || pick(incident.levelTitle, lang)}</Link> · {pick(incident.levelTitle, lang)}
        </p>
      )}
      <TaskShare task={task} me={me.data?.id} />
      <TaskDue task={task} timeZone={zone} now={now} />
      {deputy && <p className="deputy">{deputy.deputyForName ? t('task.deputy', { name: deputy.deputyForName }) : t('task.deputyUnnamed')}</p>}
      {task.acknowledgedAt && <p className="muted">{t('task.acknowledgedBy', { name: task.acknowledgedBy?.name ?? '' })}</p>}
      <details>
        <summary>{t('task.instructions')}</summary>
        <p>{pick(task.instructions, lang)}</p>
      </details>
      {gates.map((g, i) => {
        const others = g.tasks.filter((x) => x !== task.template);
        return (
          <p key={i} className="gate">
            {others.length
              ? t('task.unblocksWith', { step: pick(diagram!.states.get(g.to)?.title, lang), count: others.length })
              : t('task.unblocks', { step: pick(diagram!.states.get(g.to)?.title, lang) })}
          </p>
        );
      })}
      {!task.acknowledgedAt && (
        <button type="button" className="btn" disabled={ack.isPending} onClick={() => ack.mutate()}>
          {ack.isPending ? pending(ack) : t('task.acknowledge')}
        </button>
      )}
      <InlineError error={ack.error} />
      <div className="field">
        <label htmlFor={`note-${task.id}`}>{t('task.note')}</label>
        <textarea id={`note-${task.id}`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="button" className="btn primary wide" disabled={complete.isPending || signedByMe} onClick={() => complete.mutate(note)}>
        {complete.isPending ? pending(complete) : task.assign === 'all' ? t('task.signOff') : t('task.complete')}
      </button>
      {complete.isError && (
        <>
          <InlineError error={complete.error} />
          <button type="button" className="btn" onClick={() => complete.mutate(note)}>
            {t('common.retry')}
          </button>
        </>
      )}
    </article>
  );
}
