import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import type { Me, Playbook, Task, Unit } from '../api/types';
import { useUnits } from '../api/queries';
import { useMe } from '../lib/auth';
import { pick } from '../lib/format';
import { InlineError } from '../shell/States';

/**
 * Give an open task to a role's current holders or, for an admin, to a named person (POST /tasks/:id/reassign).
 * The service lets admins and the holders of a superior role of the task's role (in the incident's unit or a
 * unit above it) do it, so the console offers it to exactly those: a duty officer who holds no superior role
 * would only be refused. Only admins may list people, so the others give the task to a role.
 */
export function ReassignTask({ task, playbook, unit }: { task: Task; playbook?: Playbook; unit: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe().data;
  const units = useUnits().data;
  const admin = !!me?.admin;
  const superior = !!me && !!playbook && mayReassign(me.assignments, superiorsOf(playbook, task.assignedRole), unitChain(units ?? [], unit));
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const qc = useQueryClient();
  const people = useQuery({ queryKey: ['admin', 'people'], queryFn: () => data(client.GET('/people')), enabled: open && admin, staleTime: 60_000 });
  const send = useMutation({
    mutationFn: () => {
      const [kind, value] = [to.slice(0, to.indexOf(':')), to.slice(to.indexOf(':') + 1)];
      const body = { ...(kind === 'person' ? { personId: value } : { role: value }), note: note.trim() || undefined };
      return data(client.POST('/tasks/{id}/reassign', { params: { path: { id: task.id } }, body }));
    },
    onSuccess: () => {
      setOpen(false);
      setTo('');
      setNote('');
      for (const key of [['incident', task.incidentId], ['timeline', task.incidentId], ['tasks'], ['board']]) void qc.invalidateQueries({ queryKey: key });
    },
  });
  if (!admin && !superior) return null;
  const title = pick(task.title, lang);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (to) send.mutate();
  };
  const idp = `ra-${task.id}`;
  if (!open)
    return (
      <button type="button" className="btn small" aria-label={t('task.reassignFor', { title })} onClick={() => setOpen(true)}>
        {t('task.reassign')}
      </button>
    );
  return (
    <form className="reassign" onSubmit={submit} aria-label={t('task.reassignFor', { title })}>
      <div className="field">
        <label htmlFor={`${idp}-to`}>{t('task.reassignTo')}</label>
        <select id={`${idp}-to`} required value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t('open.choose')}</option>
          {(playbook?.roles ?? []).map((r) => (
            <option key={r.key} value={`role:${r.key}`}>
              {t('task.toRole', { role: pick(r.title, lang) })}
            </option>
          ))}
          {(people.data ?? [])
            .filter((p) => p.active && p.kind === 'person')
            .map((p) => (
              <option key={p.id} value={`person:${p.id}`}>
                {t('task.toPerson', { name: p.name })}
              </option>
            ))}
        </select>
        {!admin && <p className="hint">{t('task.reassignRolesOnly')}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${idp}-note`}>{t('task.note')}</label>
        <input id={`${idp}-note`} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="btn small primary" disabled={!to || send.isPending}>
          {send.isPending ? t('common.sending') : t('task.reassignSubmit')}
        </button>
        <button type="button" className="btn small" onClick={() => setOpen(false)}>
          {t('task.reassignCancel')}
        </button>
      </div>
      <InlineError error={send.error} />
    </form>
  );
}

/** The roles above `role` in the playbook (reportsTo, then its reportsTo…), as the service's roleChain minus the first. */
function superiorsOf(playbook: Playbook, role: string): string[] {
  const byKey = new Map(playbook.roles.map((r) => [r.key, r]));
  const chain: string[] = [];
  for (let cur = byKey.get(role)?.reportsTo; cur && !chain.includes(cur) && cur !== role; cur = byKey.get(cur)?.reportsTo) chain.push(cur);
  return chain;
}

/** The unit, then its parent, up to the top (the reader's units are on the board). */
function unitChain(units: Unit[], id: string): string[] {
  const chain: string[] = [];
  for (let cur: string | null | undefined = id; cur && !chain.includes(cur); cur = units.find((u) => u.id === cur)?.parentId) chain.push(cur);
  return chain;
}

const mayReassign = (held: Me['assignments'], roles: string[], chain: string[]) => held.some((a) => roles.includes(a.role) && chain.includes(a.unitId));
