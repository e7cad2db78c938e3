import type { ReactNode } from 'react';
import { ConnectionBadge } from '../../components/ConnectionBadge';
import { describeFreshness } from '../../lib/freshness';
import { useConnection } from '../../lib/realtime';
import { followLink } from '../../lib/url-state';
import { useNow } from '../../lib/use-now';

const LINKS = [
  { href: '/', label: 'Workspace' },
  { href: '/feeds', label: 'Feeds' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/wall', label: 'Wall' },
];

/** The analyst pages' frame: skip link, navigation, live-connection state. The wall has none of it. */
export function AppLayout({ pathname, children }: { pathname: string; children: ReactNode }) {
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
            {LINKS.map((link) => (
              <li key={link.href}>
                <a href={link.href} onClick={followLink} aria-current={pathname === link.href ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionBadge freshness={freshness} className="app-connection" />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
