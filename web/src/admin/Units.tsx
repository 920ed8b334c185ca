import { useTranslation } from 'react-i18next';
import { usePlaybookNames } from '../api/queries';
import type { AdminUnit as Unit } from '../api/types';
import { zoneName } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';
import { useAdminUnits } from './admin-queries';
import { UnitForm } from './UnitForm';

/** The unit tree, each with its time zone and the contacts of outside parties. */
export function Units() {
  const { t, i18n } = useTranslation();
  const units = useAdminUnits();
  const names = usePlaybookNames();
  if (units.isPending) return <Loading />;
  if (units.isError) return <ErrorView error={units.error} what={t('admin.units.title')} onRetry={() => void units.refetch()} />;
  const children = (parent: string | null) => units.data.filter((u) => (u.parentId ?? null) === parent || (parent === null && u.parentId && !units.data.some((p) => p.id === u.parentId)));
  const render = (u: Unit) => (
    <li key={u.id}>
      <div className="unit-row">
        <strong>{u.name}</strong> <code>{u.id}</code> · {t('admin.units.zone')}: {zoneName(u.timeZone) ?? u.timeZone} <UnitForm unit={u} units={units.data} />
      </div>
      {contacts(u).length > 0 && (
        <ul className="contacts" aria-label={t('admin.units.contacts')}>
          {contacts(u).map(([party, c]) => (
            <li key={party}>
              <span className="muted" title={party}>
                {names.party(party, i18n.language)}:
              </span> {[c.name, c.email, c.phone, c.webhook].filter(Boolean).join(' · ')}
            </li>
          ))}
        </ul>
      )}
      {children(u.id).length > 0 && <ul className="tree">{children(u.id).map(render)}</ul>}
    </li>
  );
  return (
    <section aria-labelledby="units-title">
      <div className="page-head">
        <h2 id="units-title">{t('admin.units.title')}</h2>
        <UnitForm units={units.data} />
      </div>
      <ul className="tree">{children(null).map(render)}</ul>
    </section>
  );
}

function contacts(u: Unit): [string, { name?: string; email?: string; phone?: string; webhook?: string }][] {
  return u.contacts && typeof u.contacts === 'object' ? (Object.entries(u.contacts) as [string, { name?: string }][]) : [];
}
