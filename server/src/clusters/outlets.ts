/**
 * Which outlet a URL belongs to: its registrable domain (public suffix plus one label), so that
 * an outlet's many feeds and hosts (www., feeds., rss.) count as one source. The public suffix
 * list ships inside `tldts`; nothing is fetched. This module owns the default only: a feed's
 * editable `outlet` and publisher families are decided by the clusters service.
 */
import { parse } from 'tldts';

/**
 * The outlet of `url`: "https://www.bbc.co.uk/news/rss.xml" → "bbc.co.uk",
 * "https://feeds.bbci.co.uk/…" → "bbci.co.uk". An IP address, "localhost" or a single-label host
 * is its own outlet. Private suffixes count ("someone.blogspot.com" is not "blogspot.com"),
 * because each blog on a shared host is its own publisher. A text that is not a URL or host
 * gives "".
 */
export function outletOf(url: string): string {
  const parsed = parse(url.trim(), { allowPrivateDomains: true });
  const host = (parsed.hostname ?? '').toLowerCase().replace(/\.$/, '');
  if (host === '') return '';
  if (parsed.isIp) return host;
  return (parsed.domain ?? host).toLowerCase();
}
