import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import { usePlaybookNames } from '../api/queries';
import { formatInZone, readerZone, wallTimeToIso, zoneName } from '../lib/format';
import { StackTable } from '../shell/StackTable';
import { ErrorView, InlineError, Loading } from '../shell/States';
import { nameOf, useAdminUnits, useAssignments, usePeople } from './admin-queries';

/** Who holds which role where, deputies and validity windows; add and end assignments. */
export function RoleAssignments() {
  const { t, i18n } = useTranslation();
  const units = useAdminUnits();
  const people = usePeople();
  const names = usePlaybookNames();
  const [unitFilter, setUnitFilter] = useState('');
  const list = useAssignments(unitFilter || undefined);
  const qc = useQueryClient();
  const [form, setForm] = useState({ unitId: '', role: '', personId: '', deputyFor: '', validFrom: '', validUntil: '' });
  const formZone = zoneName(units.data?.find((u) => u.id === form.unitId)?.timeZone) ?? readerZone();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'assignments'] });
  const add = useMutation({
    mutationFn: () =>
      data(client.POST('/role-assignments', {
        body: {
        unitId: form.unitId,
        role: form.role.trim(),
        personId: form.personId,
        deputyFor: form.deputyFor || undefined,
        // The window is typed as wall-clock times of the unit's zone, named beside the fields.
        validFrom: form.validFrom ? wallTimeToIso(form.validFrom, formZone) : undefined,
        validUntil: form.validUntil ? wallTimeToIso(form.validUntil, formZone) : undefined,
        },
      })),
    onSuccess: () => {
      setForm({ ...form, role: '', personId: '', deputyFor: '', validFrom: '', validUntil: '' });
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => data(client.DELETE('/role-assignments/{id}', { params: { path: { id } } })), onSuccess: refresh });
  const upd = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  const zone = (unitId: string) => units.data?.find((u) => u.id === unitId)?.timeZone;
  const active = (people.data ?? []).filter((p) => p.active);
  return (
    <section aria-labelledby="roles-title">
      <h2 id="roles-title">{t('admin.roles.title')}</h2>
      <form className="inline-form" onSubmit={submit} aria-label={t('admin.roles.add')}>
        <div className="field">
          <label htmlFor="ra-unit">{t('admin.roles.unit')}</label>
          <select id="ra-unit" required value={form.unitId} onChange={upd('unitId')}>
            <option value="">{t('open.choose')}</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ra-role">{t('admin.roles.role')}</label>
          <input id="ra-role" required pattern="[a-z][a-z0-9_\-]*" value={form.role} onChange={upd('role')} aria-describedby="ra-role-hint" />
          <p id="ra-role-hint" className="hint">
            {t('admin.roles.roleHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="ra-person">{t('admin.roles.person')}</label>
          <select id="ra-person" required value={form.personId} onChange={upd('personId')}>
            <option value="">{t('open.choose')}</option>
            {active.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ra-deputy">{t('admin.roles.deputyFor')}</label>
          <select id="ra-deputy" value={form.deputyFor} onChange={upd('deputyFor')}>
            <option value="">{t('admin.roles.nobody')}</option>
            {active.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ra-from">
            {t('admin.roles.validFrom')} <span className="muted small">({t('incident.dataZone', { zone: formZone })})</span>
          </label>
          <input id="ra-from" type="datetime-local" value={form.validFrom} onChange={upd('validFrom')} />
        </div>
        <div className="field">
          <label htmlFor="ra-until">
            {t('admin.roles.validUntil')} <span className="muted small">({t('incident.dataZone', { zone: formZone })})</span>
          </label>
          <input id="ra-until" type="datetime-local" value={form.validUntil} onChange={upd('validUntil')} />
        </div>
        <button type="submit" className="btn primary" disabled={add.isPending || !form.unitId || !form.role || !form.personId}>
          {t('admin.roles.add')}
        </button>
      </form>
      <InlineError error={add.error ?? remove.error} />
      <div className="filters">
        <div className="filter">
          <label htmlFor="ra-filter">{t('admin.roles.filterUnit')}</label>
          <select id="ra-filter" value={unitFilter} onChange={(e) => setUnitFilter(e.target.value)}>
            <option value="">{t('board.allUnits')}</option>
            {(units.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorView error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <StackTable
          rows={list.data}
          rowKey={(a) => a.id}
          columns={[
            { label: t('admin.roles.unit'), cell: (a) => units.data?.find((u) => u.id === a.unitId)?.name ?? a.unitId },
            { label: t('admin.roles.role'), cell: (a) => <span title={a.role}>{names.role(a.role, i18n.language)}</span> },
            { label: t('admin.roles.person'), cell: (a) => nameOf(people.data, a.personId) },
            { label: t('admin.roles.deputyFor'), cell: (a) => nameOf(people.data, a.deputyFor) },
            {
              label: t('admin.roles.window'),
              cell: (a) => (
                <>
                  {a.validFrom ? formatInZone(a.validFrom, i18n.language, zone(a.unitId)) : '—'} → {a.validUntil ? formatInZone(a.validUntil, i18n.language, zone(a.unitId)) : '—'}
                </>
              ),
            },
            {
              label: t('admin.actions'),
              cell: (a) => (
                <button type="button" className="btn small" aria-label={t('admin.roles.removeFor', { role: a.role, name: nameOf(people.data, a.personId) })} onClick={() => remove.mutate(a.id)}>
                  {t('admin.roles.remove')}
                </button>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
