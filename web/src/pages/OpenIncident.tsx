import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { client, data, newKey } from '../api/http';
import { usePlaybooks } from '../api/queries';
import type { Unit } from '../api/types';
import { useMe, useSession } from '../lib/auth';
import { pick } from '../lib/format';
import { InlineError } from '../shell/States';

export function OpenIncident({ units }: { units: Unit[] }) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  // The form exists only while the dialog is open, so its fields never shadow the board's filters.
  const [shown, setShown] = useState(false);
  const me = useMe();
  // Admins may open incidents anywhere: every unit, which only they may list.
  const admin = !!useSession().data?.person.admin;
  const all = useQuery({ queryKey: ['admin', 'units'], queryFn: () => data(client.GET('/units')), enabled: admin && shown, staleTime: 60_000 });
  const playbooks = usePlaybooks();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // Units where the reader holds a role, plus any the board shows: the service decides who may open where.
  // Later entries win: a unit's name from the board or the directory over the bare id of an assignment.
  const choices = [
    ...new Map(
      [...(me.data?.assignments ?? []).map((a) => ({ id: a.unitId, name: a.unitId })), ...(all.data ?? []), ...units].map((u) => [u.id, { id: u.id, name: u.name }]),
    ).values(),
  ];
  const [unit, setUnit] = useState('');
  const [playbook, setPlaybook] = useState('');
  const [title, setTitle] = useState('');
  const [key, setKey] = useState(newKey);
  useEffect(() => {
    if (shown && !dialog.current?.open) dialog.current?.showModal();
  }, [shown]);
  const open = useMutation({
    mutationFn: () => data(client.POST('/incidents', { body: { unit, playbook, title: title.trim() || undefined }, params: { header: { 'Idempotency-Key': key } } })),
    onSuccess: (inc) => {
      void qc.invalidateQueries({ queryKey: ['board'] });
      dialog.current?.close();
      setKey(newKey());
      setTitle('');
      void navigate(`/incidents/${inc.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (unit && playbook) open.mutate();
  };
  return (
    <>
      <button type="button" className="btn primary" onClick={() => setShown(true)}>
        {t('open.button')}
      </button>
      <dialog ref={dialog} aria-labelledby="open-title" className="dialog" onClose={() => setShown(false)}>
        {shown && (
          <form onSubmit={submit}>
            <h2 id="open-title">{t('open.title')}</h2>
            <div className="field">
              <label htmlFor="open-unit">{t('open.unit')}</label>
              <select id="open-unit" required value={unit} onChange={(e) => setUnit(e.target.value)}>
                <option value="">{t('open.choose')}</option>
                {choices.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="open-playbook">{t('open.playbook')}</label>
              <select id="open-playbook" required value={playbook} onChange={(e) => setPlaybook(e.target.value)}>
                <option value="">{t('open.choose')}</option>
                {(playbooks.data ?? []).map((p) => (
                  <option key={p.key} value={p.key}>
                    {pick(p.title, i18n.language)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="open-name">{t('open.name')}</label>
              <input id="open-name" maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <InlineError error={open.error} />
            <p className="actions">
              <button type="submit" className="btn primary" disabled={open.isPending || !unit || !playbook}>
                {open.isPending ? t('common.sending') : t('open.submit')}
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
