import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useBoard, useDiagrams, usePlaybooks, type BoardFilter } from '../api/queries';
import type { BoardIncident, Unit } from '../api/types';
import { stateId, type Diagram } from '../lib/diagram';
import { pick, readerZone, relative, useNow } from '../lib/format';
import { ErrorView, Loading } from '../shell/States';
import { LevelBadge } from './parts';
import { OpenIncident } from './OpenIncident';

type Row = { kind: 'unit'; unit: Unit; depth: number; count: number } | { kind: 'incident'; inc: BoardIncident; depth: number };

/** Units in tree order (parents before children), each followed by its incidents, most serious first. */
function rowsOf(units: Unit[], incidents: BoardIncident[]): Row[] {
  const byUnit = new Map<string, BoardIncident[]>();
  for (const i of incidents) byUnit.set(i.unitId, [...(byUnit.get(i.unitId) ?? []), i]);
  const known = new Map(units.map((u) => [u.id, u]));
  for (const id of byUnit.keys()) if (!known.has(id)) known.set(id, { id, name: id, parentId: null, timeZone: readerZone() });
  const children = new Map<string | null, Unit[]>();
  for (const u of known.values()) {
    const p = u.parentId && known.has(u.parentId) ? u.parentId : null;
    children.set(p, [...(children.get(p) ?? []), u]);
  }
  const rows: Row[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      const list = (byUnit.get(u.id) ?? []).sort((a, b) => b.level.rank - a.level.rank || b.overdueTasks - a.overdueTasks);
      rows.push({ kind: 'unit', unit: u, depth, count: list.length });
      for (const inc of list) rows.push({ kind: 'incident', inc, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

export function BoardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: BoardFilter = {
    unitId: params.get('unit') ?? undefined,
    playbook: params.get('playbook') ?? undefined,
    level: params.get('level') ?? undefined,
    hasOverdue: params.get('overdue') === '1' || undefined,
  };
  const board = useBoard(filter);
  const all = useBoard({});
  const playbooks = usePlaybooks();
  const now = useNow(30_000);
  const diagrams = useDiagrams((all.data?.incidents ?? []).map((i) => i.playbook.key));
  const lang = i18n.language;

  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const levels = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of playbooks.data ?? []) for (const l of p.levels) if (!m.has(l.id)) m.set(l.id, pick(l.title, lang));
    return [...m];
  }, [playbooks.data, lang]);

  const units = all.data?.units ?? board.data?.units ?? [];
  const rows = useMemo(() => rowsOf(board.data?.units ?? [], board.data?.incidents ?? []).filter((r) => r.kind === 'incident' || r.count > 0 || !filter.unitId), [board.data, filter.unitId]);

  const listRef = useRef<HTMLDivElement>(null);
  const virtual = useWindowVirtualizer({ count: rows.length, scrollMargin: listRef.current?.offsetTop ?? 0, estimateSize: (i) => (rows[i].kind === 'unit' ? 44 : 104), overscan: 8 });

  return (
    <div className="page board">
      <div className="page-head">
        <h1>{t('board.title')}</h1>
        <OpenIncident units={units} />
      </div>
      <form className="filters" role="search" aria-label={t('board.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label htmlFor="f-unit">{t('board.unit')}</label>
          <select id="f-unit" value={filter.unitId ?? ''} onChange={(e) => set('unit', e.target.value)}>
            <option value="">{t('board.allUnits')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-playbook">{t('board.playbook')}</label>
          <select id="f-playbook" value={filter.playbook ?? ''} onChange={(e) => set('playbook', e.target.value)}>
            <option value="">{t('board.allPlaybooks')}</option>
            {(playbooks.data ?? []).map((p) => (
              <option key={p.key} value={p.key}>
                {pick(p.title, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-level">{t('board.level')}</label>
          <select id="f-level" value={filter.level ?? ''} onChange={(e) => set('level', e.target.value)}>
            <option value="">{t('board.allLevels')}</option>
            {levels.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={!!filter.hasOverdue} onChange={(e) => set('overdue', e.target.checked ? '1' : null)} />
          <span>{t('board.hasOverdue')}</span>
        </label>
      </form>

      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        <ErrorView error={board.error} what={t('board.title')} onRetry={() => void board.refetch()} />
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {t('board.count', { count: board.data.incidents.length })}
          </p>
          {board.data.incidents.length === 0 && <p className="empty">{t('board.empty')}</p>}
          <div className="vlist" ref={listRef} style={{ height: virtual.getTotalSize() }}>
            <ul className="board-list" aria-label={t('board.listLabel')} style={{ transform: `translateY(${(virtual.getVirtualItems()[0]?.start ?? 0) - virtual.options.scrollMargin}px)` }}>
              {virtual.getVirtualItems().map((v) => {
                const r = rows[v.index];
                return (
                  <li key={v.key} data-index={v.index} ref={virtual.measureElement} style={{ paddingLeft: `${Math.min(r.depth, 6) * 1}rem` }}>
                    {r.kind === 'unit' ? (
                      <h2 className="unit-head">
                        {r.unit.name} <span className="muted">({t('board.unitCount', { count: r.count })})</span>
                      </h2>
                    ) : (
                      <IncidentCard inc={r.inc} now={now} lang={lang} diagram={diagrams.get(r.inc.playbook.key)} />
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}

function IncidentCard({ inc, now, lang, diagram }: { inc: BoardIncident; now: number; lang: string; diagram?: Diagram }) {
  const { t } = useTranslation();
  const title = inc.title || pick(inc.playbook.title, lang);
  return (
    <article className={`card level-r${Math.min(Math.max(inc.level.rank, 0), 4)}`} aria-label={title}>
      <div className="card-top">
        <LevelBadge rank={inc.level.rank} title={pick(inc.level.title, lang)} />
        <span className="muted since">{t('board.since', { when: relative(inc.levelChangedAt, lang, now) })}</span>
      </div>
      <h3 className="card-title">
        <Link to={`/incidents/${inc.id}`}>{title}</Link>
      </h3>
      {inc.title && <p className="muted small">{pick(inc.playbook.title, lang)}</p>}
      {stepText(inc.step, lang, diagram) && (
        <p className="step">
          {t('board.step')}: {stepText(inc.step, lang, diagram)}
        </p>
      )}
      <p className="counts">
        <span className="count">{t('board.open', { count: inc.openTasks })}</span>
        {inc.overdueTasks > 0 && <span className="badge overdue">{t('board.overdue', { count: inc.overdueTasks })}</span>}
        {inc.escalatedTasks > 0 && <span className="badge escalated">{t('board.escalated', { count: inc.escalatedTasks })}</span>}
      </p>
    </article>
  );
}

/** The active step(s) in words, from the playbook's diagram; nothing when the level has no steps. */
function stepText(step: string, lang: string, diagram?: Diagram): string {
  if (!step || !diagram) return '';
  return step
    .split(',')
    .map((p) => diagram.states.get(stateId(p.trim())))
    .filter((st) => st && st.parent)
    .map((st) => pick(st!.title, lang))
    .join(' · ');
}
