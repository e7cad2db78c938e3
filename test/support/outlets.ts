import type { Feed } from '@sentinel/shared';
import { rss, type TestItem } from './feed-documents';
import { type FeedTestServer, startFeedServer } from './feed-test-server';
import type { RunningApp } from './harness';

/** News outlets for event tests: each publishes its items at /<name>.xml, its channel linking to its site. */
export type Outlets = Record<string, { site: string; items: TestItem[] }>;

/** A feed server for `outlets`; items are read at each request (a test may change them) and dated now. */
export function startOutlets(outlets: Outlets): Promise<FeedTestServer> {
  return startFeedServer((req, res) => {
    const name = (req.url ?? '').replace(/^\/|\.xml$/g, '');
    const outlet = outlets[name];
    if (!outlet) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`${name} desk`, outlet.items.map((i) => ({ ...i, pubDate: new Date() })), { link: outlet.site }));
  });
}

/** Adds each outlet's feed (titled "<name> desk") through the API; returns them by outlet name. */
export async function addOutletFeeds(app: RunningApp, newsroom: FeedTestServer, outlets: Outlets): Promise<Record<string, Feed>> {
  const feeds: Record<string, Feed> = {};
  for (const name of Object.keys(outlets)) {
    const created = await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/${name}.xml`, title: `${name} desk` });
    if (created.status !== 201) throw new Error(`adding the ${name} feed answered ${created.status}`);
    feeds[name] = created.body;
  }
  return feeds;
}
