// Query keys and fetchers shared by the pages; the live stream (lib/live.ts) invalidates by these keys.
import { useQueries, useQuery } from '@tanstack/react-query';
import { parseDiagram, type Diagram } from '../lib/diagram';
import i18n from '../i18n';
import { pick } from '../lib/format';
import type { Text } from './types';
import { client, data } from './http';

export interface BoardFilter {
  unitId?: string;
  playbook?: string;
  level?: string;
  hasOverdue?: boolean;
}

export const useBoard = (f: BoardFilter) =>
  useQuery({
    queryKey: ['board', f],
    queryFn: () =>
      data(client.GET('/board', { params: { query: { unitId: f.unitId, playbook: f.playbook, level: f.level, hasOverdue: f.hasOverdue ? 'true' : undefined } } })),
    placeholderData: (prev) => prev,
  });

/** Units the reader can see, with their zones: the unfiltered board's list, shared by every page. */
export function useUnits() {
  const q = useBoard({});
  return { ...q, data: q.data?.units };
}

export const usePlaybooks = () => useQuery({ queryKey: ['playbooks'], queryFn: () => data(client.GET('/playbooks')), staleTime: 300_000 });

export const usePlaybook = (key: string | undefined) =>
  useQuery({ queryKey: ['playbook', key], queryFn: () => data(client.GET('/playbooks/{key}', { params: { path: { key: key! } } })), enabled: !!key, staleTime: 300_000 });

const diagramQuery = (key: string) => ({
  queryKey: ['diagram', key],
  queryFn: async (): Promise<Diagram> => parseDiagram(await data(client.GET('/playbooks/{key}/diagram', { params: { path: { key } }, parseAs: 'text' }))),
  staleTime: 300_000,
});

export const useDiagram = (key: string | undefined) => useQuery({ ...diagramQuery(key ?? ''), enabled: !!key });

/** The diagrams of several playbooks at once, by key (the board and My tasks name steps with them). */
export function useDiagrams(keys: string[]): Map<string, Diagram> {
  const unique = [...new Set(keys)].sort();
  const results = useQueries({ queries: unique.map(diagramQuery) });
  const out = new Map<string, Diagram>();
  unique.forEach((k, i) => {
    const d = results[i]?.data;
    if (d) out.set(k, d);
  });
  return out;
}

export const useVersions = (key: string | undefined) =>
  useQuery({ queryKey: ['versions', key], queryFn: () => data(client.GET('/playbooks/{key}/versions', { params: { path: { key: key! } } })), enabled: !!key });

export const useIncident = (id: string) => useQuery({ queryKey: ['incident', id], queryFn: () => data(client.GET('/incidents/{id}', { params: { path: { id } } })) });

export const useTimeline = (id: string) => useQuery({ queryKey: ['timeline', id], queryFn: () => data(client.GET('/incidents/{id}/timeline', { params: { path: { id } } })) });

export const useNotifications = (incident: string) =>
  useQuery({ queryKey: ['notifications', incident], queryFn: () => data(client.GET('/notifications', { params: { query: { incident, limit: 200 } } })) });

export const useMyTasks = () =>
  useQuery({
    queryKey: ['tasks', 'mine'],
    queryFn: () => data(client.GET('/tasks', { params: { query: { assignee: 'me', status: 'open', limit: 500 } } })),
    refetchInterval: 60_000,
  });

/**
 * The titles of roles and outside parties across every current playbook, by key, for pages that show keys
 * not tied to one incident (a unit's contacts, the audit log). Falls back to the key itself.
 */
export function usePlaybookNames(): { role: (key: string, lang: string) => string; party: (key: string, lang: string) => string } {
  const list = usePlaybooks();
  const details = useQueries({
    queries: (list.data ?? []).map((p) => ({ queryKey: ['playbook', p.key], queryFn: () => data(client.GET('/playbooks/{key}', { params: { path: { key: p.key } } })), staleTime: 300_000 })),
  });
  const roles = new Map<string, Text>();
  const parties = new Map<string, Text>();
  for (const d of details) {
    for (const r of d.data?.roles ?? []) if (!roles.has(r.key)) roles.set(r.key, r.title);
    for (const p of d.data?.parties ?? []) if (!parties.has(p.key)) parties.set(p.key, p.title);
  }
  // duty_officer and viewer are the service's own roles, not a playbook's: named by the console's catalogs.
  const builtIn = (key: string, lang: string) => i18n.t(`admin.roles.builtIn.${key}`, { lng: lang, defaultValue: key });
  return { role: (key, lang) => pick(roles.get(key), lang) || builtIn(key, lang), party: (key, lang) => pick(parties.get(key), lang) || key };
}
