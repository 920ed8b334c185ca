import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import type { Incident } from '../api/types';
import { stateId, type Diagram } from '../lib/diagram';
import { pick } from '../lib/format';
import { InlineError } from '../shell/States';

/** Move the incident onto the newest version, at a state of that version (the same one when it still exists). */
export function Migrate({ incident, diagram }: { incident: Incident; diagram?: Diagram }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  // The diagram is drawn from the current (newest) version: its states are the ones to choose from.
  const states = diagram ? [...diagram.states.values()].filter((s) => s.children.length === 0) : [];
  const path = (id: string) => id.replace(/__/g, '.');
  const [state, setState] = useState(() => (diagram?.states.has(stateId(incident.state)) ? incident.state : ''));
  const [note, setNote] = useState('');
  const migrate = useMutation({
    mutationFn: () => data(client.POST('/incidents/{id}/migrate', { params: { path: { id: incident.id } }, body: { version: incident.latestPlaybookVersion, state, note: note.trim() || undefined } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['incident', incident.id] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state) migrate.mutate();
  };
  return (
    <form className="migrate" onSubmit={submit} aria-labelledby="mig-title">
      <h3 id="mig-title">{t('migrate.title', { n: incident.latestPlaybookVersion })}</h3>
      <p className="muted">{t('migrate.explain', { from: incident.playbookVersion, to: incident.latestPlaybookVersion })}</p>
      <div className="field">
        <label htmlFor="mig-state">{t('migrate.state')}</label>
        <select id="mig-state" value={state} onChange={(e) => setState(e.target.value)} required>
          <option value="">{t('open.choose')}</option>
          {states.map((s) => (
            <option key={s.id} value={path(s.id)}>
              {pick(s.title, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="mig-note">{t('incident.note')}</label>
        <input id="mig-note" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <InlineError error={migrate.error} />
      <button type="submit" className="btn" disabled={!state || migrate.isPending}>
        {t('migrate.submit', { n: incident.latestPlaybookVersion })}
      </button>
    </form>
  );
}
