// One EventSource per tab on /live: each change invalidates the queries that show it, and a resync
// (or a reconnect, when changes may have been missed) refetches everything on screen.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

interface Change {
  kind: 'incident' | 'task' | 'notification';
  incidentId?: string;
  unitId?: string;
}

export function useLive(enabled: boolean): LiveState {
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    const open = () => {
      es = new EventSource('/live', { withCredentials: true });
      es.onopen = () => {
        // After a drop, what changed in between is unknown: refetch what is on screen.
        if (opened) void qc.invalidateQueries();
        opened = true;
        setState('live');
      };
      es.onerror = () => {
        setState('reconnecting');
        // The browser retries by itself unless the answer was not an event stream at all.
        if (es?.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(open, 5000);
        }
      };
      es.addEventListener('resync', () => void qc.invalidateQueries());
      es.addEventListener('change', (ev) => {
        let c: Change;
        try {
          c = JSON.parse((ev as MessageEvent<string>).data) as Change;
        } catch {
          return;
        }
        void qc.invalidateQueries({ queryKey: ['board'] });
        if (c.incidentId) {
          void qc.invalidateQueries({ queryKey: ['incident', c.incidentId] });
          void qc.invalidateQueries({ queryKey: ['timeline', c.incidentId] });
        }
        if (c.kind === 'task' || c.kind === 'incident') void qc.invalidateQueries({ queryKey: ['tasks'] });
        if (c.kind === 'notification' && c.incidentId) void qc.invalidateQueries({ queryKey: ['notifications', c.incidentId] });
      });
    };
    open();
    return () => {
      clearTimeout(retry);
      es?.close();
    };
  }, [enabled, qc]);
  return state;
}
