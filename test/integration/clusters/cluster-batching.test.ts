import type { Cluster, ClusterEvent, ClientToServerEvents, Feed, Page, ServerToClientEvents } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { ClustersService } from '../../../server/src/clusters/clusters.service';
import { rss, type TestItem } from '../../support/feed-documents';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One digest feed carrying four reports of one shelling and one of a flood: one poll, two events. */
const SHELLING = [
  ['Russian shelling of Kherson kills four civilians', 'Russian artillery shelled residential districts of Kherson on Monday, killing four civilians, regional officials said.'],
  ['Kherson shelled again: four dead, regional governor says', 'Four civilians were killed when Russian forces shelled Kherson, the regional governor said on Monday.'],
  ['Four killed as Russian artillery hits Kherson', 'Shelling of Kherson by Russian forces killed four people and damaged homes, officials in the city said.'],
  ['Kherson: civilians killed in Russian shelling', 'Officials in Kherson said Russian shelling killed four civilians in the city on Monday.'],
];
const FLOOD = ['Floods displace thousands in Pakistan\'s Sindh province', 'Heavy monsoon rains flooded villages across Sindh, displacing thousands.'];

describe(`a poll's stories are placed in events together (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let client: Client | undefined;
  let items: TestItem[] = [];

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Digest', items, { link: 'https://www.digest.example.org/' })));
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
  });

  afterAll(async () => {
    client?.disconnect();
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('writes and announces each event once per poll, with all of the poll\'s stories in it', async () => {
    const now = Date.now();
    items = [...SHELLING, FLOOD].map(([title, description], i) => ({ title, description, guid: `d${i}`, link: `https://www.digest.example.org/${i}`, pubDate: new Date(now - i * 60_000) }));
    const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/digest.xml` })).body;
    client = io(app.url, { ...app.admin.socketOptions(), transports: ['websocket'], reconnection: false, forceNew: true });
    const seen: { kind: string; event: ClusterEvent }[] = [];
    client.on('cluster:new', (event) => seen.push({ kind: 'cluster:new', event }));
    client.on('cluster:updated', (event) => seen.push({ kind: 'cluster:updated', event }));
    await new Promise<void>((resolve, reject) => client!.once('connect', () => resolve()).once('connect_error', reject));

    expect((await app.api('POST', `/api/feeds/${feed.id}/poll`)).status).toBeLessThan(300);
    await app.app.get(ClustersService).idle();
    const events = (await app.api<Page<Cluster>>('GET', '/api/clusters')).body.items;
    expect(events.map((e) => e.storyCount).sort()).toEqual([1, 4]);
    const shelling = events.find((e) => e.storyCount === 4) as Cluster;
    expect(shelling.regions).toContain('UA');

    // Two announcements in all: each event once, already with every story of the poll.
    const announced = await waitFor(() => (seen.length >= 2 ? seen : null), 5000, 'both events announced');
    expect(announced.map((s) => s.kind)).toEqual(['cluster:new', 'cluster:new']);
    expect(announced.find((s) => s.event.cluster.id === shelling.id)?.event.cluster.storyCount).toBe(4);

    // A later poll adds to the event already written: one update.
    items = [...items, { title: 'Kherson mourns four killed in Russian shelling', description: 'Funerals were held in Kherson for four civilians killed by Russian shelling.', guid: 'd9', link: 'https://www.digest.example.org/9', pubDate: new Date() }];
    expect((await app.api('POST', `/api/feeds/${feed.id}/poll`)).status).toBeLessThan(300);
    await app.app.get(ClustersService).idle();
    const updated = await waitFor(() => seen.slice(2).find((s) => s.event.cluster.id === shelling.id) ?? null, 5000, 'the update');
    expect(updated.kind).toBe('cluster:updated');
    expect(updated.event.cluster.storyCount).toBe(5);
    expect(seen).toHaveLength(3);
  });
});
