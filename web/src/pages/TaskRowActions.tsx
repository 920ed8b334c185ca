import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../api/types';
import { InlineError } from '../shell/States';
import { useTaskActions } from './TaskCard';

/** On the incident page: acknowledge or complete a task in place (its assignees, a superior, or an admin may). */
export function TaskRowActions({ task, children }: { task: Task; children?: ReactNode }) {
  const { t } = useTranslation();
  const { note, setNote, ack, complete } = useTaskActions(task);
  const busy = (m: { isPaused: boolean }) => (m.isPaused ? t('common.waitingNetwork') : t('common.sending'));
  return (
    <div className="row-task-actions">
      <label className="sr-only" htmlFor={`rn-${task.id}`}>
        {t('task.note')}
      </label>
      <input id={`rn-${task.id}`} placeholder={t('task.note')} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      {!task.acknowledgedAt && (
        <button type="button" className="btn small" disabled={ack.isPending} onClick={() => ack.mutate()}>
          {ack.isPending ? busy(ack) : t('task.acknowledge')}
        </button>
      )}
      <button type="button" className="btn small primary" disabled={complete.isPending} onClick={() => complete.mutate(note)}>
        {complete.isPending ? busy(complete) : t('task.complete')}
      </button>
      {children}
      <InlineError error={complete.error ?? ack.error} />
    </div>
  );
}
