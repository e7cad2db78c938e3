import type { ApiError, Cluster, ClusterDetail, ClusterEvent, ClientToServerEvents, Feed, Page, ServerToClientEvents } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { Database } from '../../../server/src/database/database';
import { ClusterEntity } from '../../../server/src/database/entities';
import type { FeedTestServer } from '../../support/feed-test-server';
import { addOutletFeeds, type Outlets, startOutlets } from '../../support/outlets';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const ENGLISH = {
  title: "281 detainees break out of Syria's Ghwayran prison, Kurdish forces say",
  description: 'Kurdish-led forces said 281 detainees escaped from Ghwayran prison in Hasakah after an Islamic State car bomb; a manhunt is under way in surrounding neighbourhoods.',
};
const FRENCH = {
  title: "Syrie : environ 200 détenus jihadistes évadés d'une prison de Hassaké",
  description: "Environ 200 détenus se sont évadés de la prison de Ghwayran, à Hassaké, après une attaque à la voiture piégée menée par le groupe État islamique, selon les forces kurdes.",
};
const ARABIC = {
  title: 'قسد: فرار 281 سجينا من سجن غويران في الحسكة',
  description: 'أعلنت قوات سوريا الديمقراطية أن 281 سجينا من عناصر تنظيم الدولة فروا من سجن غويران في الحسكة بعد هجوم بسيارة مفخخة، وأن عمليات البحث عنهم مستمرة.',
};
const FLOODS = { title: "Floods displace thousands in Pakistan's Sindh province", description: 'Heavy monsoon rains flooded villages across Sindh, officials said.' };

/**
 * One prison break reported in English, French and Arabic by three outlets, and floods reported in
 * English only. The English report is the most representative of the Latin-script ones (its figure,
 * 281, is the Arabic report's too), so it is the default headline by the rule of cluster-summary.ts.
 */
const OUTLETS: Outlets = {
  reuters: { site: 'https://www.reuters.com/world/', items: [{ ...ENGLISH, guid: 'r1', link: 'https://www.reuters.com/world/hasakah' }] },
  france24: { site: 'https://www.france24.com/fr/', items: [{ ...FRENCH, guid: 'f1', link: 'https://www.france24.com/fr/hassake' }] },
  aljazeera: { site: 'https://www.aljazeera.net/', items: [{ ...ARABIC, guid: 'a1', link: 'https://www.aljazeera.net/news/hasakah' }] },
  dawn: { site: 'https://www.dawn.com/', items: [{ ...FLOODS, guid: 'd1', link: 'https://www.dawn.com/floods' }] },
};

describe(`an event's headline in the reader's language (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  const clients: Client[] = [];
  const feeds: Record<string, Feed> = {};
  /** The title of each outlet's story, by story id, once the event is built. */
  const titles = new Map<string, number>();
  let prisonBreak: Cluster;
  let floods: Cluster;
  const liveUpdates: ClusterEvent[] = [];

  const poll = async (name: string) => expect((await app.api('POST', `/api/feeds/${feeds[name].id}/poll`)).status).toBeLessThan(300);
  const list = (query: string, headers: Record<string, string> = {}) => app.api<Page<Cluster>>('GET', `/api/clusters${query}`, undefined, headers);
  const detail = (id: number, query = '', headers: Record<string, string> = {}) => app.api<ClusterDetail>('GET', `/api/clusters/${id}${query}`, undefined, headers);
  const headlineOf = async (query: string, headers: Record<string, string> = {}) => {
    const response = await list(query, headers);
    expect(response.status).toBe(200);
    return response.body.items.find((c) => c.id === prisonBreak.id)?.headline;
  };

  beforeAll(async () => {
    newsroom = await startOutlets(OUTLETS);
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    Object.assign(feeds, await addOutletFeeds(app, newsroom, OUTLETS));

    const live: Client = io(app.url, { ...app.admin.socketOptions(), transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(live);
    live.on('cluster:updated', (event) => liveUpdates.push(event));
    await new Promise<void>((resolve, reject) => live.once('connect', () => resolve()).once('connect_error', reject));

    await poll('reuters');
    await waitFor(async () => (await list('?q=ghwayran')).body.items[0], 10_000, 'the English story starts the event');
    await poll('france24');
    await poll('aljazeera');
    await poll('dawn');
    prisonBreak = await waitFor(async () => {
      const found = (await list('?q=ghwayran')).body.items[0];
      return found?.storyCount === 3 ? found : null;
    }, 10_000, 'the English, French and Arabic stories in one event');
    floods = await waitFor(async () => (await list('?q=sindh')).body.items[0], 10_000, 'the floods event');
    for (const story of (await detail(prisonBreak.id)).body.stories) titles.set(story.title, story.id);
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('keeps the English story as the default headline and lists the most representative story of each language', async () => {
    expect(prisonBreak.headline).toMatchObject({ storyId: titles.get(ENGLISH.title), title: ENGLISH.title, feedTitle: 'reuters desk' });
    expect(prisonBreak.headlines).toEqual({
      en: prisonBreak.headline,
      fr: { storyId: titles.get(FRENCH.title), title: FRENCH.title, url: 'https://www.france24.com/fr/hassake', feedTitle: 'france24 desk' },
      ar: { storyId: titles.get(ARABIC.title), title: ARABIC.title, url: 'https://www.aljazeera.net/news/hasakah', feedTitle: 'aljazeera desk' },
    });
    expect((await detail(prisonBreak.id)).body.headline.title).toBe(ENGLISH.title);
  });

  it('gives the French story as the headline for ?lang=fr, in the list and the event', async () => {
    expect((await headlineOf('?lang=fr'))?.title).toBe(FRENCH.title);
    const event = await detail(prisonBreak.id, '?lang=fr');
    expect(event.status).toBe(200);
    expect(event.body.headline.title).toBe(FRENCH.title);
    // The choice does not hide the others: a live client picks from `headlines` too.
    expect(Object.keys(event.body.headlines).sort()).toEqual(['ar', 'en', 'fr']);
  });

  it('follows Accept-Language when there is no lang, and lang when there are both', async () => {
    expect((await headlineOf('', { 'accept-language': 'ar' }))?.title).toBe(ARABIC.title);
    expect((await detail(prisonBreak.id, '', { 'accept-language': 'ar' })).body.headline.title).toBe(ARABIC.title);
    expect((await headlineOf('', { 'accept-language': 'fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7' }))?.title).toBe(FRENCH.title);
    expect((await headlineOf('', { 'accept-language': 'de-DE,de;q=0.9,ar;q=0' }))?.title).toBe(ENGLISH.title);
    expect((await headlineOf('', { 'accept-language': '*' }))?.title).toBe(ENGLISH.title);
    expect((await headlineOf('?lang=en', { 'accept-language': 'ar' }))?.title).toBe(ENGLISH.title);
    expect((await list('', { 'accept-language': 'ar' })).headers.get('vary')).toMatch(/Accept-Language/i);
  });

  it('answers 400 naming the languages it knows for any other lang', async () => {
    for (const response of [await list('?lang=de'), await detail(prisonBreak.id, '?lang=de'), await list('?lang=FR'), await list('?lang=fr&lang=ar')]) {
      expect(response.status).toBe(400);
      expect((response.body as unknown as ApiError).message).toMatch(/lang must be one of en, fr, ar/);
    }
  });

  it('keeps the English headline of an event with only English stories when French is asked for', async () => {
    expect(floods.headlines).toEqual({ en: floods.headline });
    const asked = (await list('?q=sindh&lang=fr')).body.items[0];
    expect(asked.headline.title).toBe(FLOODS.title);
    expect((await detail(floods.id, '?lang=ar')).body.headline.title).toBe(FLOODS.title);
  });

  it('announces events with their headlines in every language, for clients to pick from', async () => {
    const update = await waitFor(() => liveUpdates.find((e) => e.cluster.id === prisonBreak.id && e.cluster.storyCount === 3), 5000, 'the update with all three stories');
    expect(update.cluster.headline.title).toBe(ENGLISH.title);
    expect(update.cluster.headlines).toEqual(prisonBreak.headlines);
  });

  it('still serves an event stored before headlines per language were kept, with the default headline', async () => {
    const database = app.app.get(Database);
    const row = await database.dataSource.getRepository(ClusterEntity).findOneByOrFail({ id: floods.id });
    const { headlines: _headlines, ...older } = JSON.parse(row.summary) as Cluster;
    await database.write((m) => m.getRepository(ClusterEntity).update(floods.id, { summary: JSON.stringify(older) }));

    const listed = (await list('?q=sindh&lang=fr')).body.items[0];
    expect(listed).toMatchObject({ id: floods.id, headlines: {}, headline: { title: FLOODS.title } });
    const event = await detail(floods.id, '?lang=fr');
    expect(event.status).toBe(200);
    expect(event.body).toMatchObject({ headlines: {}, headline: { title: FLOODS.title } });
  });
});
