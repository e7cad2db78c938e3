import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * The URL is the state of every view (filters, selected story, kiosk options) so that a view can
 * be shared or reloaded. This is the whole router: pathname + search params, pushState, popstate.
 */
const NAVIGATE_EVENT = 'sentinel:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (url === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface UrlState {
  pathname: string;
  /** The query string without "?": stable between renders, so it can be a memo or effect dependency. */
  search: string;
  /** Parsed once per change of `search`; copy before mutating. */
  params: URLSearchParams;
  /** Replaces the query string on the current path. */
  setParams: (params: URLSearchParams, options?: { replace?: boolean }) => void;
}

export function useUrlState(): UrlState {
  const location = useSyncExternalStore(subscribe, snapshot, () => '/');
  const [pathname, search = ''] = location.split('?');
  const setParams = useCallback((params: URLSearchParams, options?: { replace?: boolean }) => {
    const query = params.toString();
    navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, options);
  }, []);
  const params = useMemo(() => new URLSearchParams(search), [search]);
  return { pathname: pathname || '/', search, params, setParams };
}

/** A link handler that keeps navigation inside the app (no reload) for plain left clicks. */
export function followLink(event: React.MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const href = event.currentTarget.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('/api')) return;
  event.preventDefault();
  navigate(href);
}

/** Where the workspace opens one story (its detail pane reads `?story=`). */
export function storyHref(storyId: number): string {
  return `/?story=${storyId}`;
}

/** Where the workspace opens one event (a cluster of stories). */
export function eventHref(clusterId: number): string {
  return `/events/${clusterId}`;
}
