import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { setCsrfToken } from '../api/client';
import { ApiError, client, data } from '../api/http';
import type { Session } from '../api/types';
import { ErrorView, Loading } from '../shell/States';

export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Session | null> => {
      try {
        const s = await data(client.GET('/auth/session'));
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
    retry: (n, e) => e instanceof ApiError && e.status === 0 && n < 3,
  });
}

export function useMe() {
  const session = useSession();
  return useQuery({ queryKey: ['me'], queryFn: () => data(client.GET('/me')), enabled: !!session.data, staleTime: 60_000 });
}

/** Called after sign-in or a redeemed link: remember the CSRF token and the person. */
export function useSignedIn() {
  const qc = useQueryClient();
  return (s: Session) => {
    setCsrfToken(s.csrfToken);
    qc.setQueryData(['session'], s);
    void qc.invalidateQueries({ queryKey: ['me'] });
  };
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const loc = useLocation();
  const { t } = useTranslation();
  if (session.isPending) return <Loading label={t('common.loading')} />;
  if (session.data) return <>{children}</>;
  if (session.isError) throw session.error;
  const next = loc.pathname + loc.search;
  return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  const { t } = useTranslation();
  if (!session.data?.person.admin) return <ErrorView error={new ApiError(403, 'forbidden', 'admin')} what={t('error.admin')} />;
  return <>{children}</>;
}
