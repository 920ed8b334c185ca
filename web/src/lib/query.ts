import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/http';

const transient = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status === 429 || e.status === 502 || e.status === 503 || e.status === 504);

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (e) => signedOutIf(e) }),
  mutationCache: new MutationCache({ onError: (e) => signedOutIf(e) }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A 4xx will not change by asking again; a dropped connection or a restarting service may.
      retry: (n, e) => transient(e) && n < 4,
      refetchOnWindowFocus: true,
    },
    mutations: {
      // Retries reuse the action's Idempotency-Key, so an event is never applied twice.
      retry: (n, e) => transient(e) && n < 5,
      retryDelay: (n) => Math.min(1000 * 2 ** n, 15_000),
    },
  },
});

/** A 401 anywhere means the session ended: forget it, and the router sends the reader to sign in. */
function signedOutIf(e: unknown) {
  if (e instanceof ApiError && e.status === 401 && queryClient.getQueryData(['session'])) queryClient.setQueryData(['session'], null);
}
