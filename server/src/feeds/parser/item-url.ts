/** Longer links are not stories' links but payloads; the fetcher refuses the same length. */
export const MAX_ITEM_URL_LENGTH = 2048;

/**
 * The absolute http(s) form of `href` against `base`, or null (javascript:, data:, mailto:,
 * unparseable, too long). A user name / password is removed: it would be stored and shown.
 */
export function resolveHttpUrl(href: string, base: string | null): string | null {
  const trimmed = href.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ITEM_URL_LENGTH) return null;
  let url: URL;
  try {
    url = base === null ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.username = '';
  url.password = '';
  return url.href.length > MAX_ITEM_URL_LENGTH ? null : url.href;
}

/** `href` resolved against `base` when both make a URL of any scheme (xml:base chains), else `base` unchanged. */
export function resolveBase(href: string | undefined, base: string | null): string | null {
  if (href === undefined || href.trim().length === 0) return base;
  try {
    return (base === null ? new URL(href.trim()) : new URL(href.trim(), base)).href;
  } catch {
    return base;
  }
}
