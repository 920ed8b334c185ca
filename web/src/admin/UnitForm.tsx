import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import type { components } from '../api/schema';
import type { AdminUnit } from '../api/types';
import { InlineError } from '../shell/States';

type UpdateUnit = components['schemas']['UpdateUnitDto'];
type NewUnit = components['schemas']['UnitDto'];
type Contacts = Record<string, { name: string; email?: string; phone?: string; webhook?: string }>;

/** Add a unit, or change one's name, parent, zone and contacts (outside parties by playbook party key, as JSON). */
export function UnitForm({ unit, units }: { unit?: AdminUnit; units: AdminUnit[] }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const qc = useQueryClient();
  const blank = () => ({
    id: unit?.id ?? '',
    name: unit?.name ?? '',
    parentId: unit?.parentId ?? '',
    timeZone: unit?.timeZone ?? 'Asia/Ho_Chi_Minh',
    contacts: JSON.stringify(unit?.contacts ?? {}, null, 2),
  });
  const [f, setF] = useState(blank);
  const [jsonError, setJsonError] = useState(false);
  // The form exists only while its dialog is open: one unit's fields never shadow another's.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);
  // The OpenAPI document types `contacts` (and UpdateUnitDto's `parentId`) as empty objects for now; the
  // service takes the shapes below (src/directory/directory.dto.ts), hence the casts until the schema says so.
  const save = useMutation({
    mutationFn: (contacts: Contacts) =>
      unit
        ? data(client.PATCH('/units/{id}', { params: { path: { id: unit.id } }, body: { name: f.name, parentId: f.parentId || null, timeZone: f.timeZone, contacts } as unknown as UpdateUnit }))
        : data(client.POST('/units', { body: { id: f.id, name: f.name, parentId: f.parentId || undefined, timeZone: f.timeZone, contacts } as unknown as NewUnit })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'units'] });
      void qc.invalidateQueries({ queryKey: ['board'] });
      dialog.current?.close();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let contacts: Contacts;
    try {
      contacts = JSON.parse(f.contacts || '{}') as Contacts;
    } catch {
      setJsonError(true);
      return;
    }
    setJsonError(false);
    save.mutate(contacts);
  };
  const upd = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const idp = unit ? `u-${unit.id}` : 'u-new';
  return (
    <>
      <button
        type="button"
        className={`btn ${unit ? 'small' : 'primary'}`}
        aria-label={unit ? t('admin.units.editFor', { name: unit.name }) : undefined}
        onClick={() => {
          setF(blank());
          save.reset();
          setJsonError(false);
          setOpen(true);
        }}
      >
        {unit ? t('admin.units.edit') : t('admin.units.add')}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={`${idp}-title`} onClose={() => setOpen(false)}>
        {open && (
          <form onSubmit={submit}>
            <h2 id={`${idp}-title`}>{unit ? t('admin.units.editFor', { name: unit.name }) : t('admin.units.add')}</h2>
            {!unit && (
              <div className="field">
                <label htmlFor={`${idp}-id`}>{t('admin.units.id')}</label>
                <input id={`${idp}-id`} required pattern="[a-z0-9._\-]{1,100}" value={f.id} onChange={upd('id')} aria-describedby={`${idp}-id-hint`} />
                <p id={`${idp}-id-hint`} className="hint">
                  {t('admin.units.idHint')}
                </p>
              </div>
            )}
            <div className="field">
              <label htmlFor={`${idp}-name`}>{t('admin.people.name')}</label>
              <input id={`${idp}-name`} required value={f.name} onChange={upd('name')} />
            </div>
            <div className="field">
              <label htmlFor={`${idp}-parent`}>{t('admin.units.parent')}</label>
              <select id={`${idp}-parent`} value={f.parentId} onChange={upd('parentId')}>
                <option value="">{t('admin.units.noParent')}</option>
                {units
                  .filter((u) => u.id !== unit?.id)
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${idp}-zone`}>{t('admin.units.zone')}</label>
              <input id={`${idp}-zone`} required value={f.timeZone} onChange={upd('timeZone')} />
            </div>
            <div className="field">
              <label htmlFor={`${idp}-contacts`}>{t('admin.units.contacts')}</label>
              <textarea id={`${idp}-contacts`} rows={6} value={f.contacts} onChange={upd('contacts')} aria-invalid={jsonError} aria-describedby={`${idp}-c-hint`} />
              <p id={`${idp}-c-hint`} className={`hint ${jsonError ? 'bad' : ''}`}>
                {jsonError ? t('admin.units.badJson') : t('admin.units.contactsHint')}
              </p>
            </div>
            <InlineError error={save.error} />
            <p className="actions">
              <button type="submit" className="btn primary" disabled={save.isPending}>
                {t('admin.save')}
              </button>
              <button type="button" className="btn" onClick={() => dialog.current?.close()}>
                {t('common.cancel')}
              </button>
            </p>
          </form>
        )}
      </dialog>
    </>
  );
}
