import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import './i18n';
import './styles.css';
import { RequireAdmin, RequireAuth, useMe } from './lib/auth';
import { queryClient } from './lib/query';
import { BoardPage } from './pages/BoardPage';
import { IncidentPage } from './pages/IncidentPage';
import { LinkPage } from './pages/LinkPage';
import { MyTasksPage } from './pages/MyTasksPage';
import { SignInPage } from './pages/SignInPage';
import { Layout } from './shell/Layout';
import { Loading, NotFound, RouteError } from './shell/States';

// The admin pages and their tables are only for admins: a separate chunk, fetched when first opened.
const AdminPage = lazy(() => import('./admin/AdminPage'));

/** Duty officers and admins land on the board; everyone else on their tasks. */
function Home() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  const watches = me.data?.admin || me.data?.assignments.some((a) => a.role === 'duty_officer');
  return <Navigate to={watches ? '/board' : '/tasks'} replace />;
}

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage />, errorElement: <RouteError /> },
    { path: '/link', element: <LinkPage />, errorElement: <RouteError /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <Layout />
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        {
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Home /> },
            { path: 'board', element: <BoardPage /> },
            { path: 'incidents/:id', element: <IncidentPage /> },
            { path: 'tasks', element: <MyTasksPage /> },
            {
              path: 'admin/*',
              element: (
                <RequireAdmin>
                  <AdminPage />
                </RequireAdmin>
              ),
            },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
