import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { client, data } from '../api/http';
import type { Person } from '../api/types';
import { formatForReader } from '../lib/format';
import { StackTable } from '../shell/StackTable';
import { ErrorView, InlineError, Loading } from '../shell/States';
import { usePeople } from './admin-queries';

/** People: add, deactivate, and hand out an invite or reset link (its URL is shown this once). */
export function People() {
  const { t, i18n } = useTranslation();
  const people = usePeople();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [link, setLink] = useState<{ person: string; url: string; expiresAt: string } | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'people'] });
  const add = useMutation({
    mutationFn: () => data(client.POST('/people', { body: { name: name.trim(), email: email.trim() || undefined } })),
    onSuccess: () => {
      setName('');
      setEmail('');
      refresh();
    },
  });
  const setActive = useMutation({ mutationFn: (p: { id: string; active: boolean }) => data(client.PATCH('/people/{id}', { params: { path: { id: p.id } }, body: { active: p.active } })), onSuccess: refresh });
  const sendLink = useMutation({
    mutationFn: (p: { person: Person; kind: 'invite' | 'reset' }) => data(client.POST('/people/{id}/sign-in-links', { params: { path: { id: p.person.id } }, body: { kind: p.kind } })),
    onSuccess: (r, p) => setLink({ person: p.person.name, ...r }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) add.mutate();
  };
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t('admin.people.title')}</h2>
      <form className="inline-form" onSubmit={submit} aria-label={t('admin.people.add')}>
        <div className="field">
          <label htmlFor="p-name">{t('admin.people.name')}</label>
          <input id="p-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="p-email">{t('admin.people.email')}</label>
          <input id="p-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <button type="submit" className="btn primary" disabled={add.isPending || !name.trim()}>
          {t('admin.people.add')}
        </button>
      </form>
      <InlineError error={add.error} />
      {link && (
        <div className="once panel" role="status">
          <p>{t('admin.people.linkFor', { name: link.person })}</p>
          <p>
            <code className="secret">{link.url}</code>
          </p>
          <p className="muted">{t('admin.shownOnce')} · {formatForReader(link.expiresAt, i18n.language)}</p>
          <button type="button" className="btn small" onClick={() => void navigator.clipboard?.writeText(link.url)}>
            {t('admin.copy')}
          </button>
        </div>
      )}
      <InlineError error={sendLink.error ?? setActive.error} />
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorView error={people.error} what={t('admin.people.title')} onRetry={() => void people.refetch()} />
      ) : (
        <StackTable
          rows={people.data}
          rowKey={(p) => p.id}
          columns={[
            {
              label: t('admin.people.name'),
              cell: (p) => (
                <>
                  {p.name}
                  {p.admin && <span className="badge"> {t('admin.people.admin')}</span>}
                  {p.kind === 'service' && <span className="badge"> {t('admin.people.service')}</span>}
                </>
              ),
            },
            { label: t('admin.people.email'), cell: (p) => p.email },
            { label: t('admin.people.state'), cell: (p) => (p.active ? t('admin.people.active') : t('admin.people.inactive')) },
            {
              label: t('admin.actions'),
              className: 'row-actions',
              cell: (p) => (
                <>
                  {p.kind === 'person' && p.email && (
                    <>
                      <button type="button" className="btn small" aria-label={t('admin.people.inviteFor', { name: p.name })} onClick={() => sendLink.mutate({ person: p, kind: 'invite' })}>
                        {t('admin.people.invite')}
                      </button>
                      <button type="button" className="btn small" aria-label={t('admin.people.resetFor', { name: p.name })} onClick={() => sendLink.mutate({ person: p, kind: 'reset' })}>
                        {t('admin.people.reset')}
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="btn small"
                    aria-label={t(p.active ? 'admin.people.deactivateFor' : 'admin.people.activateFor', { name: p.name })}
                    onClick={() => setActive.mutate({ id: p.id, active: !p.active })}
                  >
                    {p.active ? t('admin.people.deactivate') : t('admin.people.activate')}
                  </button>
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
