import { lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useUrlState } from '../lib/url-state';
import { AppLayout } from './layout/AppLayout';

// Split per page: the wall carries the world atlas and the workspace does not need it.
const WallPage = lazy(() => import('./routes/WallPage').then((module) => ({ default: module.WallPage })));
const FeedsPage = lazy(() => import('./routes/FeedsPage').then((module) => ({ default: module.FeedsPage })));
const AlertsPage = lazy(() => import('./routes/AlertsPage').then((module) => ({ default: module.AlertsPage })));
const WorkspacePage = lazy(() => import('./routes/WorkspacePage').then((module) => ({ default: module.WorkspacePage })));

const TITLES: Record<string, string> = { '/': 'Workspace', '/feeds': 'Feeds', '/alerts': 'Alerts', '/wall': 'Wall' };

function AnalystPage({ path }: { path: string }) {
  if (path === '/feeds') return <FeedsPage />;
  if (path === '/alerts') return <AlertsPage />;
  return <WorkspacePage />;
}

function Loading() {
  return <p className="muted page-loading">Loading…</p>;
}

/** Four pages, chosen by pathname; the server answers every one of them with index.html. */
export function App() {
  const { pathname } = useUrlState();
  const path = pathname.replace(/\/+$/, '') || '/';
  useEffect(() => {
    document.title = `${TITLES[path] ?? TITLES['/']} · Sentinel Wire`;
  }, [path]);
  if (path === '/wall') {
    return (
      <ErrorBoundary label="the wall">
        <Suspense fallback={<Loading />}>
          <WallPage />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return (
    <AppLayout pathname={path}>
      <ErrorBoundary label="this page">
        <Suspense fallback={<Loading />}>
          <AnalystPage path={path} />
        </Suspense>
      </ErrorBoundary>
    </AppLayout>
  );
}
