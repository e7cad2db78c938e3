import type { ReactNode } from 'react';
import { ConnectionBadge } from '../../components/ConnectionBadge';
import type { SignedIn } from '../../features/auth/api/auth';
import { AccountMenu } from '../../features/auth/components/AccountMenu';
import { describeFreshness } from '../../lib/freshness';
import { can, type Action } from '../../lib/permissions';
import { useConnection } from '../../lib/realtime';
import { followLink } from '../../lib/url-state';
import { useNow } from '../../lib/use-now';

/** `needs`: shown only to roles that may use the page (see lib/permissions). */
const LINKS: { href: string; label: string; needs?: Action }[] = [
  { href: '/', label: 'Workspace' },
  { href: '/changes', label: 'Since last visit' },
  { href: '/feeds', label: 'Feeds' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/wall', label: 'Wall' },
  { href: '/admin/users', label: 'Users', needs: 'users.manage' },
  { href: '/admin/tokens', label: 'Tokens', needs: 'tokens.manage' },
  { href: '/admin/audit', label: 'Audit', needs: 'audit.read' },
];

/** The analyst pages' frame: skip link, navigation, live-connection state, who is signed in. The wall has none of it. */
export function AppLayout({ pathname, me, children }: { pathname: string; me: SignedIn; children: ReactNode }) {
  const connection = useConnection();
  const now = useNow(15_000);
  const freshness = describeFreshness(connection, undefined, now);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-header__brand">Sentinel Wire</span>
        <nav aria-label="Main">
          <ul>
            {LINKS.filter((link) => !link.needs || can(me.user.role, link.needs)).map((link) => (
              <li key={link.href}>
                <a href={link.href} onClick={followLink} aria-current={pathname === link.href ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionBadge freshness={freshness} className="app-connection" />
        <AccountMenu me={me} />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
