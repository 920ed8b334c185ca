import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data, newKey } from '../api/http';
import type { Incident, Playbook, PlaybookEvent } from '../api/types';
import { targetOf, topLevel, levelOf, type Diagram } from '../lib/diagram';
import { pick } from '../lib/format';
import { InlineError } from '../shell/States';

interface Send {
  type: string;
  note?: string;
  data?: Record<string, string>;
  key: string;
}

/** The events the incident accepts now, as buttons; raising to the most serious level asks first. */
export function EventActions({ incident, playbook, diagram }: { incident: Incident; playbook?: Playbook; diagram?: Diagram }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  // One Idempotency-Key per event until it is accepted: clicking again after a lost answer cannot apply it twice.
  const keys = useRef(new Map<string, string>());
  const keyFor = (type: string) => {
    if (!keys.current.has(type)) keys.current.set(type, newKey());
    return keys.current.get(type)!;
  };
  const send = useMutation({
    mutationFn: (s: Send) =>
      data(client.POST('/incidents/{id}/events', { params: { path: { id: incident.id }, header: { 'Idempotency-Key': s.key } }, body: { type: s.type, note: s.note, data: s.data } })),
    onSuccess: () => {
      keys.current.clear();
      setNote('');
      setValues({});
      void qc.invalidateQueries({ queryKey: ['incident', incident.id] });
      void qc.invalidateQueries({ queryKey: ['timeline', incident.id] });
      void qc.invalidateQueries({ queryKey: ['notifications', incident.id] });
      void qc.invalidateQueries({ queryKey: ['board'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const top = diagram && playbook ? topLevel(diagram, playbook.levels.map((l) => l.id)) : null;
  const eventOf = (type: string): PlaybookEvent | undefined => playbook?.events.find((e) => e.type === type);
  const title = (type: string) => pick(eventOf(type)?.title, i18n.language) || type;
  const leadsTo = (type: string) => {
    const to = diagram ? targetOf(diagram, incident.state, type) : null;
    return to && diagram ? levelOf(diagram, to) : null;
  };
  const levelTitle = (id: string) => pick(playbook?.levels.find((l) => l.id === id)?.title, i18n.language) || id;

  const fire = (type: string) => {
    const fields = Object.keys(eventOf(type)?.data ?? {});
    const d = Object.fromEntries(fields.map((f) => [f, values[`${type}.${f}`] ?? '']).filter(([, v]) => v !== ''));
    send.mutate({ type, note: note.trim() || undefined, data: fields.length ? d : undefined, key: keyFor(type) });
  };
  const click = (type: string) => {
    const to = leadsTo(type);
    if (to && to === top && to !== incident.level) {
      setConfirming(type);
      dialog.current?.showModal();
    } else fire(type);
  };

  if (incident.allowedEvents.length === 0) return <p className="muted">{t('incident.noEvents')}</p>;
  return (
    <div className="events">
      <div className="field">
        <label htmlFor="event-note">{t('incident.note')}</label>
        <textarea id="event-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {incident.allowedEvents.map((type) => {
        const fields = Object.entries(eventOf(type)?.data ?? {});
        if (!fields.length) return null;
        return (
          <fieldset key={type} className="event-data">
            <legend>{t('incident.dataFor', { event: title(type) })}</legend>
            {fields.map(([f, desc]) => (
              <div className="field" key={f}>
                <label htmlFor={`d-${type}-${f}`}>{typeof desc === 'string' ? `${f} — ${desc}` : f}</label>
                <input id={`d-${type}-${f}`} value={values[`${type}.${f}`] ?? ''} onChange={(e) => setValues({ ...values, [`${type}.${f}`]: e.target.value })} />
              </div>
            ))}
          </fieldset>
        );
      })}
      <div className="event-buttons">
        {incident.allowedEvents.map((type) => {
          const to = leadsTo(type);
          const raises = to === top && to !== incident.level;
          return (
            <button key={type} type="button" className={`btn ${raises ? 'danger' : 'primary'}`} disabled={send.isPending} onClick={() => click(type)}>
              {title(type)}
              {to && to !== incident.level && <span className="btn-sub">→ {levelTitle(to)}</span>}
            </button>
          );
        })}
      </div>
      {send.isPending && (
        <p role="status" className="muted">
          {send.isPaused ? t('common.waitingNetwork') : t('common.sending')}
        </p>
      )}
      <InlineError error={send.error} />
      <dialog ref={dialog} className="dialog" aria-labelledby="confirm-title" onClose={() => setConfirming(null)}>
        <h2 id="confirm-title">{t('incident.confirmTitle')}</h2>
        {confirming && <p>{t('incident.confirmText', { event: title(confirming), level: levelTitle(top ?? '') })}</p>}
        <p className="actions">
          <button
            type="button"
            className="btn danger"
            onClick={() => {
              if (confirming) fire(confirming);
              dialog.current?.close();
            }}
          >
            {t('incident.confirmYes')}
          </button>
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
        </p>
      </dialog>
    </div>
  );
}
