import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data, newKey } from '../api/http';
import type { Incident, Playbook, PlaybookEvent } from '../api/types';
import { targetOf, topLevel, levelOf, type Diagram } from '../lib/diagram';
import { pick, readerZone, wallTimeToIso } from '../lib/format';
import { InlineError } from '../shell/States';

interface Send {
  type: string;
  note?: string;
  data?: Record<string, unknown>;
  key: string;
}

type Field = NonNullable<PlaybookEvent['data']>[string];

/**
 * The events the incident accepts now, as buttons; raising to the most serious level asks first. An event
 * whose playbook declares data gets a form built from the declaration (number, text, yes/no, a date-time
 * read in the unit's zone, a choice); a required field left empty is named before anything is sent.
 */
export function EventActions({ incident, playbook, diagram, zone }: { incident: Incident; playbook?: Playbook; diagram?: Diagram; zone?: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const tz = zone ?? readerZone();
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
      setMissing([]);
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

  const fieldTitle = (name: string, f: Field) => pick(f.title, i18n.language) || name;
  /** The event's data as the service wants it: typed values, empty optional fields left out. */
  const dataOf = (type: string): { data?: Record<string, unknown>; missing: string[] } => {
    const fields = Object.entries(eventOf(type)?.data ?? {});
    if (!fields.length) return { missing: [] };
    const out: Record<string, unknown> = {};
    const lacking: string[] = [];
    for (const [name, f] of fields) {
      const v = values[`${type}.${name}`];
      if (f.type === 'boolean') out[name] = v === true;
      else if (typeof v === 'string' && v.trim() !== '') out[name] = f.type === 'number' ? Number(v) : f.type === 'timestamp' ? (wallTimeToIso(v, tz) ?? v) : v.trim();
      else if (f.required) lacking.push(fieldTitle(name, f));
    }
    return { data: out, missing: lacking };
  };
  const fire = (type: string) => {
    const d = dataOf(type);
    setMissing(d.missing);
    if (d.missing.length) return;
    send.mutate({ type, note: note.trim() || undefined, data: d.data, key: keyFor(type) });
  };
  const click = (type: string) => {
    if (dataOf(type).missing.length) return fire(type);
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
            {fields.map(([name, f]) => (
              <DataField key={name} id={`d-${type}-${name}`} label={fieldTitle(name, f)} field={f} zone={tz} value={values[`${type}.${name}`]} onChange={(v) => setValues({ ...values, [`${type}.${name}`]: v })} />
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
      {missing.length > 0 && (
        <p className="inline-error" role="alert">
          {t('incident.dataMissing', { fields: missing.join(', ') })}
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

/** One declared field of an event's data, as the control that fits its type. */
function DataField({ id, label, field, zone, value, onChange }: { id: string; label: string; field: Field; zone: string; value?: string | boolean; onChange: (v: string | boolean) => void }) {
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : '';
  if (field.type === 'boolean')
    return (
      <div className="field check">
        <label>
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {label}
        </label>
      </div>
    );
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {field.type === 'timestamp' && <span className="muted small"> ({t('incident.dataZone', { zone })})</span>}
        {!field.required && <span className="muted small"> ({t('incident.dataOptional')})</span>}
      </label>
      {field.type === 'enum' ? (
        <select id={id} required={field.required} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('open.choose')}</option>
          {(field.values ?? []).map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          required={field.required}
          type={field.type === 'number' ? 'number' : field.type === 'timestamp' ? 'datetime-local' : 'text'}
          step={field.type === 'number' ? 'any' : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
