import { lazy, Suspense, useEffect } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import type { SignedIn } from '../features/auth/api/auth';
import { SessionGate } from '../features/auth/components/SessionGate';
import { SetupPage } from '../features/auth/components/SetupPage';
import { can, roleFor, type Action } from '../lib/permissions';
import { useUrlState } from '../lib/url-state';
import { AppLayout } from './layout/AppLayout';

// Split per page: the wall carries the world atlas and the workspace does not need it.
const WallPage = lazy(() => import('./routes/WallPage').then((module) => ({ default: module.WallPage })));
const FeedsPage = lazy(() => import('./routes/FeedsPage').then((module) => ({ default: module.FeedsPage })));
const AlertsPage = lazy(() => import('./routes/AlertsPage').then((module) => ({ default: module.AlertsPage })));
const WorkspacePage = lazy(() => import('./routes/WorkspacePage').then((module) => ({ default: module.WorkspacePage })));
const AccountPage = lazy(() => import('./routes/AccountPage').then((module) => ({ default: module.AccountPage })));
const UsersPage = lazy(() => import('./routes/UsersPage').then((module) => ({ default: module.UsersPage })));
const TokensPage = lazy(() => import('./routes/TokensPage').then((module) => ({ default: module.TokensPage })));
const EventPage = lazy(() => import('./routes/EventPage').then((module) => ({ default: module.EventPage })));
const ChangesPage = lazy(() => import('./routes/ChangesPage').then((module) => ({ default: module.ChangesPage })));
const AuditPage = lazy(() => import('./routes/AuditPage').then((module) => ({ default: module.AuditPage })));

const TITLES: Record<string, string> = {
  '/': 'Workspace',
  '/feeds': 'Feeds',
  '/alerts': 'Alerts',
  '/wall': 'Wall',
  '/changes': 'Since my last visit',
  '/events': 'Event',
  '/setup': 'Setup',
  '/account': 'Account',
  '/admin/users': 'Users',
  '/admin/tokens': 'Tokens',
  '/admin/audit': 'Audit log',
};

/** Pages that need more than the `viewer` every analyst page needs. The server refuses anyway; this says so in words. */
const NEEDS: Partial<Record<string, Action>> = {
  '/admin/users': 'users.manage',
  '/admin/tokens': 'tokens.manage',
  '/admin/audit': 'audit.read',
};

function AnalystPage({ path, me }: { path: string; me: SignedIn }) {
  const role = me.user.role;
  const needed = NEEDS[path];
  if (needed && !can(role, needed)) {
    return (
      <p className="error-message page-loading" role="alert">
        This page needs the {roleFor(needed)} role; you are signed in as {role}.
      </p>
    );
  }
  const event = /^\/events\/(\d+)$/.exec(path);
  if (event) return <EventPage clusterId={Number(event[1])} canEdit={can(role, 'clusters.edit')} />;
  switch (path) {
    case '/changes':
      return <ChangesPage />;
    case '/feeds':
      return <FeedsPage canManage={can(role, 'feeds.manage')} />;
    case '/alerts':
      return <AlertsPage canEditRules={can(role, 'rules.edit')} canAcknowledge={can(role, 'alerts.acknowledge')} />;
    case '/account':
      return <AccountPage me={me} />;
    case '/admin/users':
      return <UsersPage currentUserId={me.user.kind === 'user' ? me.user.id : null} />;
    case '/admin/tokens':
      return <TokensPage />;
    case '/admin/audit':
      return <AuditPage />;
    default:
      return <WorkspacePage canAcknowledge={can(role, 'alerts.acknowledge')} />;
  }
}

function Loading() {
  return <p className="muted page-loading">Loading…</p>;
}

/**
 * Pages chosen by pathname; the server answers every one of them with index.html. `/setup` is
 * open to anyone; every other page renders for whoever is signed in (SessionGate shows sign-in in
 * its place otherwise, at the same address, so the page asked for follows the sign-in).
 */
export function App() {
  const { pathname } = useUrlState();
  const path = pathname.replace(/\/+$/, '') || '/';
  useEffect(() => {
    document.title = `${TITLES[path] ?? TITLES[path.replace(/\/\d+$/, '')] ?? TITLES['/']} · Sentinel Wire`;
  }, [path]);
  if (path === '/setup') return <SetupPage />;
  if (path === '/wall') {
    return (
      <SessionGate area="wall">
        {() => (
          <ErrorBoundary label="the wall">
            <Suspense fallback={<Loading />}>
              <WallPage />
            </Suspense>
          </ErrorBoundary>
        )}
      </SessionGate>
    );
  }
  return (
    <SessionGate area="analyst">
      {(me) => (
        <AppLayout pathname={path} me={me}>
          <ErrorBoundary label="this page">
            <Suspense fallback={<Loading />}>
              <AnalystPage path={path} me={me} />
            </Suspense>
          </ErrorBoundary>
        </AppLayout>
      )}
    </SessionGate>
  );
}
