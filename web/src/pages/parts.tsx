import type { Task } from '../api/types';
import { countdown, formatInZone } from '../lib/format';
import { useTranslation } from 'react-i18next';

/** A level is always named in words; the colour only repeats what the words say. */
export function LevelBadge({ rank, title }: { rank: number; title: string }) {
  const { t } = useTranslation();
  return (
    <span className={`level-badge level-r${Math.min(Math.max(rank, 0), 4)}`}>
      <span className="sr-only">{t('incident.level')}: </span>
      {title}
    </span>
  );
}


/** Due time in the unit's zone (named), a live countdown, and the overdue / escalated state in words. */
export function TaskDue({ task, timeZone, now }: { task: Task; timeZone?: string; now: number }) {
  const { t, i18n } = useTranslation();
  const c = countdown(task.dueAt, now);
  const time = c.days ? `${t('task.days', { count: c.days })} ${c.hms}` : c.hms;
  const text = c.past ? t('task.overdueBy', { time }) : t('task.dueIn', { time });
  return (
    <p className="due">
      <span>
        {t('task.due')}: <time dateTime={task.dueAt}>{formatInZone(task.dueAt, i18n.language, timeZone)}</time>
      </span>{' '}
      <span className={`countdown ${c.past ? 'past' : ''}`}>{text}</span>{' '}
      {c.past && <span className="badge overdue">{t('task.overdue')}</span>}{' '}
      {task.escalationStep > 0 && <span className="badge escalated">{t('task.escalated', { n: task.escalationStep })}</span>}
    </p>
  );
}

/** A text in the reader's language, with the other language beneath it (playbooks carry both). */
export function BothLanguages({ text, className }: { text: { vi: string; en: string }; className?: string }) {
  const { i18n } = useTranslation();
  const first = i18n.language === 'en' ? 'en' : 'vi';
  const other = first === 'en' ? 'vi' : 'en';
  return (
    <span className={className}>
      <span lang={first}>{text[first]}</span>
      {text[other] && text[other] !== text[first] && (
        <span className="other-lang" lang={other}>
          {text[other]}
        </span>
      )}
    </span>
  );
}

/** Who shares the task (completion.ts in the service): whose it is, one copy each, or the signatures so far. */
export function TaskShare({ task, me }: { task: Task; me?: string }) {
  const { t } = useTranslation();
  const signed = task.signOffs.map((s) => s.name).join(', ');
  return (
    <>
      {task.instance && <p className="task-instance">{t('task.instance', { key: task.instance })}</p>}
      {task.assign === 'each' && <p className="muted small">{t('task.eachCopy')}</p>}
      {task.assign === 'all' && (
        <p className="sign-offs">
          {task.signOffs.length
            ? t('task.signOffs', { done: task.signOffs.length, total: task.assignees.length, names: signed })
            : t('task.signOffsNone', { total: task.assignees.length })}
        </p>
      )}
      {task.assign === 'all' && me && task.signOffs.some((s) => s.personId === me) && <p className="deputy">{t('task.youSigned')}</p>}
    </>
  );
}
