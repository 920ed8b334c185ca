import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import { formatForReader } from '../lib/format';
import { StackTable } from '../shell/StackTable';
import { ErrorView, InlineError, Loading } from '../shell/States';
import { nameOf, usePeople } from './admin-queries';

/** Bearer tokens: issue (the secret is shown once, here) and revoke. */
export function Tokens() {
  const { t, i18n } = useTranslation();
  const people = usePeople();
  const tokens = useQuery({ queryKey: ['admin', 'tokens'], queryFn: () => data(client.GET('/tokens')) });
  const qc = useQueryClient();
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'tokens'] });
  const create = useMutation({
    mutationFn: () => data(client.POST('/tokens', { body: { personId, name: name.trim() } })),
    onSuccess: (r) => {
      setIssued(r.token);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => data(client.POST('/tokens/{id}/revoke', { params: { path: { id } } })), onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (personId && name.trim()) create.mutate();
  };
  const when = (iso: string | null) => (iso ? formatForReader(iso, i18n.language) : '—');
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('admin.tokens.title')}</h2>
      <form className="inline-form" onSubmit={submit} aria-label={t('admin.tokens.create')}>
        <div className="field">
          <label htmlFor="tk-person">{t('admin.roles.person')}</label>
          <select id="tk-person" required value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="">{t('open.choose')}</option>
            {(people.data ?? []).filter((p) => p.active).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tk-name">{t('admin.tokens.label')}</label>
          <input id="tk-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="btn primary" disabled={create.isPending || !personId || !name.trim()}>
          {t('admin.tokens.create')}
        </button>
      </form>
      <InlineError error={create.error ?? revoke.error} />
      {issued && (
        <div className="once panel" role="status">
          <p>{t('admin.tokens.issued')}</p>
          <p>
            <code className="secret">{issued}</code>
          </p>
          <p className="muted">{t('admin.shownOnce')}</p>
          <button type="button" className="btn small" onClick={() => void navigator.clipboard?.writeText(issued)}>
            {t('admin.copy')}
          </button>
        </div>
      )}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorView error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <StackTable
          rows={tokens.data}
          rowKey={(tk) => tk.id}
          columns={[
            { label: t('admin.tokens.label'), cell: (tk) => tk.name },
            { label: t('admin.roles.person'), cell: (tk) => nameOf(people.data, tk.personId) },
            { label: t('admin.tokens.prefix'), cell: (tk) => <code>{tk.prefix}…</code> },
            { label: t('admin.tokens.lastUsed'), cell: (tk) => when(tk.lastUsedAt) },
            { label: t('admin.people.state'), cell: (tk) => (tk.revokedAt ? t('admin.tokens.revokedAt', { at: when(tk.revokedAt) }) : t('admin.people.active')) },
            {
              label: t('admin.actions'),
              cell: (tk) =>
                !tk.revokedAt && (
                  <button type="button" className="btn small danger" aria-label={t('admin.tokens.revokeFor', { name: tk.name })} onClick={() => revoke.mutate(tk.id)}>
                    {t('admin.tokens.revoke')}
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
