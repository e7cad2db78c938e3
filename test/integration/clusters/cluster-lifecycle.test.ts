import type { AuditEntry, Cluster, ClusterEvent, ClusterMergedEvent, ClientToServerEvents, Feed, Page, PublisherFamily, ServerToClientEvents } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { ClustersService } from '../../../server/src/clusters/clusters.service';
import { Database } from '../../../server/src/database/database';
import { ClusterEntity } from '../../../server/src/database/entities';
import type { FeedTestServer } from '../../support/feed-test-server';
import { addOutletFeeds, type Outlets, startOutlets } from '../../support/outlets';
import { type ApiClient, type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a socket received about events, in order. */
type Received = { kind: 'cluster:new'; event: ClusterEvent } | { kind: 'cluster:updated'; event: ClusterEvent } | { kind: 'cluster:merged'; event: ClusterMergedEvent };

const REUTERS_GHWAYRAN = {
  title: "Islamic State fighters storm Ghwayran prison in Syria's Hasakah",
  description: 'Militants attacked the Ghwayran prison in Hasakah late on Thursday, and at least 281 inmates escaped, a Kurdish official said on Friday.',
  guid: 'r1',
  link: 'https://www.reuters.com/world/ghwayran',
};

/** Three outlets on one prison break in Syria, two BBC sites on one flood in Sudan, one Pakistani outlet on its own news. */
const OUTLETS: Outlets = {
  reuters: { site: 'https://www.reuters.com/world/', items: [REUTERS_GHWAYRAN] },
  bbc: {
    site: 'https://www.bbc.co.uk/news',
    items: [
      { title: 'Syria jailbreak: dozens of inmates flee Hasakah prison after attack', description: 'Jihadists blamed for an assault on the Ghwayran jail in which dozens of prisoners escaped, officials say.', guid: 'b1', link: 'https://www.bbc.co.uk/news/ghwayran' },
      { title: "Floods displace thousands in Sudan's Kassala state", description: 'Heavy rains flooded villages around Kassala, and aid agencies said thousands of families had been displaced.', guid: 'b2', link: 'https://www.bbc.co.uk/news/kassala' },
    ],
  },
  aljazeera: {
    site: 'https://www.aljazeera.com/',
    items: [{ title: 'Kurdish forces hunt escapees after assault on Ghwayran jail', description: 'About 100 inmates escaped from the prison in Hasakah during the attack, according to the Syrian Observatory.', guid: 'a1', link: 'https://www.aljazeera.com/news/ghwayran' }],
  },
  bbcworld: {
    site: 'https://www.bbc.com/news',
    items: [{ title: 'Thousands displaced as floods sweep Kassala in eastern Sudan', description: 'Families displaced by the Kassala floods are short of food and shelter, aid agencies said.', guid: 'w1', link: 'https://www.bbc.com/news/kassala' }],
  },
  dawn: {
    site: 'https://www.dawn.com/',
    items: [{ title: "Floods displace thousands in Pakistan's Sindh province", description: 'Heavy monsoon rains flooded villages across Sindh.', guid: 'd1', link: 'https://www.dawn.com/floods' }],
  },
};

describe(`an event's life after its stories were placed: edits, outlets, merges, breaking (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  const clients: Client[] = [];
  const feeds: Record<string, Feed> = {};

  const connect = (as: ApiClient, auth: Record<string, unknown> = {}): Client => {
    const client: Client = io(app.url, { ...as.socketOptions(auth), transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(client);
    return client;
  };
  const connected = (client: Client) => new Promise<void>((resolve, reject) => (client.connected ? resolve() : client.once('connect', () => resolve()).once('connect_error', reject)));
  const listen = (client: Client): Received[] => {
    const seen: Received[] = [];
    client.on('cluster:new', (event) => seen.push({ kind: 'cluster:new', event }));
    client.on('cluster:updated', (event) => seen.push({ kind: 'cluster:updated', event }));
    client.on('cluster:merged', (event) => seen.push({ kind: 'cluster:merged', event }));
    return seen;
  };
  const poll = async (name: string) => expect((await app.api('POST', `/api/feeds/${feeds[name].id}/poll`)).status).toBeLessThan(300);
  const search = async (q: string) => (await app.api<Page<Cluster>>('GET', `/api/clusters?q=${q}`)).body.items[0];
  const event = async (id: number) => (await app.api<Cluster>('GET', `/api/clusters/${id}`)).body;
  const idle = () => app.app.get(ClustersService).idle();
  const updatesOf = (seen: Received[], id: number) => seen.filter((s): s is Extract<Received, { kind: 'cluster:updated' }> => s.kind === 'cluster:updated' && s.event.cluster.id === id);
  let prisonBreak: Cluster;
  let flood: Cluster;

  beforeAll(async () => {
    newsroom = await startOutlets(OUTLETS);
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    Object.assign(feeds, await addOutletFeeds(app, newsroom, OUTLETS));
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('with no history of its region and topic, calls three independent outlets in half an hour breaking (the fixed rule)', async () => {
    for (const name of Object.keys(OUTLETS)) await poll(name);
    prisonBreak = await waitFor(async () => {
      const found = await search('ghwayran');
      return found?.sources.independent === 3 ? found : null;
    }, 10_000, 'the prison break with three outlets');
    flood = await waitFor(async () => {
      const found = await search('kassala');
      return found?.storyCount === 2 ? found : null;
    }, 10_000, 'the Kassala floods with two stories');
    expect(prisonBreak.breaking).toBe(true);
    expect(flood.sources).toMatchObject({ outlets: 2, independent: 2 });
    expect(flood.sources.list.map((s) => s.outlet).sort()).toEqual(['bbc.co.uk', 'bbc.com']);
  });

  it('rewrites an event when one of its stories is edited at the source, and announces it', async () => {
    const live = connect(app.admin);
    const seen = listen(live);
    await connected(live);
    OUTLETS.reuters.items[0] = { ...REUTERS_GHWAYRAN, description: REUTERS_GHWAYRAN.description.replace('at least 281 inmates', 'at least 300 inmates') };
    await poll('reuters');
    await idle();

    const rewritten = await event(prisonBreak.id);
    const escaped = rewritten.conflicts.find((c) => c.what === 'escaped');
    expect(escaped?.values.map((v) => v.value)).toEqual([24, 100, 300]);
    expect(rewritten.storyCount).toBe(3);
    const [announced] = await waitFor(() => {
      const updates = updatesOf(seen, prisonBreak.id).filter((u) => u.event.cluster.conflicts.some((c) => c.values.some((v) => v.value === 300)));
      return updates.length ? updates : null;
    }, 5000, 'cluster:updated with the edited figure');
    expect(announced.event).toEqual({ eventId: expect.any(Number), cluster: expect.objectContaining({ id: prisonBreak.id, storyIds: prisonBreak.storyIds }) });
  });

  it("rewrites a feed's recent events when its outlet or tier is edited, before the edit answers", async () => {
    const live = connect(app.admin);
    const seen = listen(live);
    await connected(live);
    expect((await event(prisonBreak.id)).corroboration.text).toBe('wire service and 2 others');
    expect((await app.api('PATCH', `/api/feeds/${feeds.reuters.id}`, { tier: 'regional' })).status).toBe(200);
    expect((await event(prisonBreak.id)).corroboration).toEqual({ level: 'corroborated', text: '3 independent sources' });
    expect((await app.api('PATCH', `/api/feeds/${feeds.reuters.id}`, { tier: null })).status).toBe(200);
    expect((await event(prisonBreak.id)).corroboration.text).toBe('wire service and 2 others');
    const texts = await waitFor(() => {
      const updates = updatesOf(seen, prisonBreak.id).map((u) => u.event.cluster.corroboration.text);
      return updates.length >= 2 ? updates : null;
    }, 5000, 'two cluster:updated for the tier edits');
    expect(texts).toEqual(['3 independent sources', 'wire service and 2 others']);
  });

  it('counts two outlets of one publisher once as soon as an admin puts them in one family, audits it, and lets viewers read the families', async () => {
    const viewer = await app.as('viewer');
    const analyst = await app.as('analyst');
    expect((await viewer.api('PUT', '/api/publisher-families/bbc.com', { family: 'bbc.co.uk' })).status).toBe(403);
    expect((await analyst.api('PUT', '/api/publisher-families/bbc.com', { family: 'bbc.co.uk' })).status).toBe(403);
    expect((await viewer.api('DELETE', '/api/publisher-families/bbc.com')).status).toBe(403);

    const notADomain = await app.api<{ message: string }>('PUT', '/api/publisher-families/bbc.com', { family: 'https://www.bbc.co.uk/news' });
    expect(notADomain.status).toBe(400);
    expect(notADomain.body.message).toBe('family must be a domain name such as "bbc.co.uk", not a URL or path');
    const missing = await app.api<{ message: string }>('PUT', '/api/publisher-families/bbc.com', {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/family must be the domain name of the outlet the publisher counts as/);
    expect((await app.api<{ message: string }>('PUT', '/api/publisher-families/bbc_com', { family: 'bbc.co.uk' })).body.message).toMatch(/^outlet must be a domain name/);
    const itself = await app.api<{ message: string }>('PUT', '/api/publisher-families/bbc.com', { family: 'bbc.com' });
    expect(itself.status).toBe(400);
    expect(itself.body.message).toMatch(/DELETE \/api\/publisher-families\/bbc.com/);

    const live = connect(app.admin);
    const seen = listen(live);
    await connected(live);
    const set = await app.api<PublisherFamily>('PUT', '/api/publisher-families/BBC.com', { family: 'bbc.co.uk' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ outlet: 'bbc.com', family: 'bbc.co.uk' });
    const regrouped = await event(flood.id);
    expect(regrouped.sources).toMatchObject({ outlets: 1, independent: 1 });
    expect(regrouped.sources.list.map((s) => s.outlet)).toEqual(['bbc.co.uk', 'bbc.co.uk']);
    expect(regrouped.corroboration.text).toBe('single source');
    const [announced] = await waitFor(() => {
      const updates = updatesOf(seen, flood.id);
      return updates.length ? updates : null;
    }, 5000, 'cluster:updated for the regrouped event');
    expect(announced.event.cluster.sources.independent).toBe(1);
    // Events without either outlet are left as they were.
    expect(updatesOf(seen, prisonBreak.id)).toEqual([]);

    expect((await viewer.api<PublisherFamily[]>('GET', '/api/publisher-families')).body).toEqual([{ outlet: 'bbc.com', family: 'bbc.co.uk' }]);
    const familyOfFamily = await app.api<{ message: string }>('PUT', '/api/publisher-families/bbc.in', { family: 'bbc.com' });
    expect(familyOfFamily.status).toBe(409);
    expect(familyOfFamily.body.message).toBe('bbc.com itself counts as bbc.co.uk; give bbc.co.uk as the family of bbc.in');

    const audit = (await app.api<Page<AuditEntry>>('GET', '/api/audit')).body.items;
    expect(audit.find((e) => e.action === 'publisher-family.set')).toMatchObject({ subjectType: 'publisher-family', detail: 'bbc.com counts as bbc.co.uk' });

    expect((await app.api('DELETE', '/api/publisher-families/bbc.com')).status).toBe(204);
    expect((await event(flood.id)).sources).toMatchObject({ outlets: 2, independent: 2 });
    expect((await viewer.api<PublisherFamily[]>('GET', '/api/publisher-families')).body).toEqual([]);
    const again = await app.api<{ message: string }>('DELETE', '/api/publisher-families/bbc.com');
    expect(again.status).toBe(404);
    expect(again.body.message).toMatch(/bbc.com is in no publisher family/);
    expect((await app.api<Page<AuditEntry>>('GET', '/api/audit')).body.items.map((e) => e.action)).toContain('publisher-family.delete');
  });

  it('tells sockets that a merged-away event is gone, live and on replay, within each wall\'s scope', async () => {
    const analyst = await app.as('analyst');
    const aljazeera = prisonBreak.sources.list.find((s) => s.outlet === 'aljazeera.com')!.storyId;
    const split = await analyst.api<Cluster>('POST', `/api/clusters/${prisonBreak.id}/split`, { storyIds: [aljazeera] });
    expect(split.status).toBe(201);
    await idle();

    const syriaWall = await app.withToken({ name: 'syria wall', role: 'wall', regions: ['SY'] });
    const pakistanWall = await app.withToken({ name: 'pakistan wall', role: 'wall', regions: ['PK'] });
    const sockets = { admin: connect(app.admin), syria: connect(syriaWall), pakistan: connect(pakistanWall) };
    const seen = { admin: listen(sockets.admin), syria: listen(sockets.syria), pakistan: listen(sockets.pakistan) };
    await Promise.all(Object.values(sockets).map(connected));

    const merged = await analyst.api<Cluster>('POST', `/api/clusters/${split.body.id}/merge`, { into: prisonBreak.id });
    expect(merged.status).toBe(200);
    // A later Pakistani event: every wall in whose scope it is has received what came before it.
    OUTLETS.dawn.items.push({ title: 'Sindh floods: thousands more displaced as rivers rise', description: 'Villages across Sindh in Pakistan were flooded again.', guid: 'd2', link: 'https://www.dawn.com/floods-2' });
    await poll('dawn');
    await idle();

    const mergedEvents = (list: Received[]) => list.filter((s): s is Extract<Received, { kind: 'cluster:merged' }> => s.kind === 'cluster:merged');
    const [live] = await waitFor(() => (mergedEvents(seen.admin).length ? mergedEvents(seen.admin) : null), 5000, 'cluster:merged');
    expect(live.event).toEqual({ eventId: expect.any(Number), id: split.body.id, into: prisonBreak.id, cluster: expect.objectContaining({ id: prisonBreak.id, storyCount: 3 }) });
    // The event it went into is announced as updated right after, as for any rewrite.
    const after = seen.admin[seen.admin.indexOf(live) + 1];
    expect(after).toMatchObject({ kind: 'cluster:updated', event: { eventId: live.event.eventId + 1, cluster: { id: prisonBreak.id } } });
    await waitFor(() => mergedEvents(seen.syria).length === 1, 5000, 'cluster:merged on the Syria wall');
    const pakistanAfterMerge = () => seen.pakistan.find((s) => s.event.eventId > live.event.eventId && s.event.cluster.regions.includes('PK'));
    await waitFor(pakistanAfterMerge, 5000, 'the later Pakistani event on the Pakistan wall');
    expect(mergedEvents(seen.pakistan)).toEqual([]);
    expect(seen.pakistan.every((s) => s.event.cluster.regions.includes('PK'))).toBe(true);

    // Back from a break: the replay says the merged event is gone, to the walls that may know of it.
    const resumed = { admin: connect(app.admin, { since: live.event.eventId - 1 }), pakistan: connect(pakistanWall, { since: live.event.eventId - 1 }) };
    const replayed = { admin: listen(resumed.admin), pakistan: listen(resumed.pakistan) };
    await Promise.all(Object.values(resumed).map(connected));
    await waitFor(() => replayed.admin.some((s) => s.event.eventId > live.event.eventId && s.event.cluster.regions.includes('PK')), 5000, 'the admin replay to reach the Pakistani event');
    expect(replayed.admin[0]).toEqual({ kind: 'cluster:merged', event: { eventId: live.event.eventId, id: split.body.id, into: prisonBreak.id, cluster: expect.objectContaining({ id: prisonBreak.id, storyCount: 3 }) } });
    await waitFor(() => replayed.pakistan.some((s) => s.event.eventId > live.event.eventId), 5000, 'the Pakistan wall replay to reach the Pakistani event');
    expect(mergedEvents(replayed.pakistan)).toEqual([]);
  });

  it('raises the breaking bar where events usually gather several outlets fast, from the stored history', async () => {
    // Ten past Syrian prison breaks, each with 2 independent outlets in its first half hour: here, 3 is ordinary.
    const dayAgo = Date.now() - 86_400_000;
    const history = Array.from({ length: 10 }, (_, i) => ({
      id: 1_000_000 + i,
      headlineStoryId: null,
      firstSeenAt: dayAgo - i * 3600_000,
      updatedAt: dayAgo - i * 3600_000,
      storyCount: 2,
      outlets: 2,
      independent: 2,
      earlyIndependent: 2,
      breaking: false,
      regions: ',SY,',
      topics: ',prison-break,',
      searchText: '',
      summary: '{}',
    }));
    await app.app.get(Database).write((m) => m.getRepository(ClusterEntity).insert(history));
    // What the hourly refresh does (and the start-up): read the last 14 days again.
    await app.app.get(ClustersService).refreshBaseline();

    // The next write of the event judges it by the new bar (twice 2 = 4 outlets): no longer breaking.
    expect((await event(prisonBreak.id)).breaking).toBe(true);
    expect((await app.api('PATCH', `/api/feeds/${feeds.reuters.id}`, { tier: 'wire' })).status).toBe(200);
    const rewritten = await event(prisonBreak.id);
    expect(rewritten.sources.independent).toBe(3);
    expect(rewritten.breaking).toBe(false);
    expect((await app.api<Page<Cluster>>('GET', '/api/clusters?breaking=true')).body.items.map((c) => c.id)).not.toContain(prisonBreak.id);
  });
});
