import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { loadDemoCorpus, parseCorpus, type CorpusItem, type CorpusLanguage } from './corpus';
import {
  renderArticlePage, renderConsentWallPage, renderIndexPage, renderNotFoundPage,
  renderServerErrorPage, renderSimulatorOpml, renderSitePage,
} from './demo-pages';
import { renderFeedDocument, renderMalformedFeed, type FeedDocumentEntry } from './feed-documents';
import { SeededRandom } from './seeded-random';
import {
  SIMULATED_FEED_CATALOGUE, feedCovers,
  type FeedCharset, type SimulatedFeedDefinition, type SimulatedFeedFailure, type SimulatedFeedFormat,
} from './simulated-feeds';
import { FeedSimulatorError } from './simulator-error';

export { demoFeedList, type DemoFeedSubscription } from './simulated-feeds';
export type { FeedCharset, SimulatedFeedFailure, SimulatedFeedFormat } from './simulated-feeds';
export type { CorpusItem, CorpusLanguage } from './corpus';
export { FeedSimulatorError, type FeedSimulatorErrorKind } from './simulator-error';

/** A feed as served by a running simulator. */
export interface SimulatedFeed {
  readonly slug: string;
  readonly path: string;
  readonly url: string;
  readonly siteUrl: string;
  readonly title: string;
  readonly group: string;
  readonly format: SimulatedFeedFormat;
  readonly language: CorpusLanguage;
  readonly charset: FeedCharset;
  readonly failing?: SimulatedFeedFailure;
}

/** One story published by the simulator; `syndicatedTo` is set when a second feed carried it too. */
export interface SimulatedPublication {
  readonly feedPath: string;
  readonly title: string;
  readonly link: string;
  readonly guid: string;
  readonly published: Date;
  readonly syndicatedTo?: { readonly feedPath: string; readonly link: string };
}

export interface FeedSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** How often a random healthy feed publishes; 0 turns the timer off (tests call publishNow). Default 4000. */
  publishEveryMs?: number;
  /** Seed for every random choice; the same seed gives the same stories in the same feeds. Default: random. */
  seed?: number;
  /** Stories to publish; default is the bundled corpus.json. */
  corpus?: readonly CorpusItem[];
  /** Stories each healthy feed already carries when the server starts, backdated. Default 10, at most 30. */
  initialItemsPerFeed?: number;
  /** Share of publications that a second feed in the same language also carries. Default 0.1. */
  syndicationRate?: number;
  /** Clock, for tests that want fixed dates. Default Date.now. */
  now?: () => number;
  /** Called after every publication, including those from the timer. */
  onPublish?: (publication: SimulatedPublication) => void;
}

/** Each feed document keeps its newest 30 items, like most CMS feed templates. */
export const MAX_ITEMS_PER_FEED = 30;
const MAX_ARTICLES_KEPT = 5_000;
const DRIP_INTERVAL_MS = 1_000;
const BACKFILL_SPACING_MS = 6 * 60_000;
const CACHE_CONTROL = 'no-cache';

interface Article {
  readonly key: string;
  readonly n: number;
  readonly title: string;
  readonly summary: string;
  readonly topic: string;
  readonly lang: CorpusLanguage;
  readonly published: Date;
  readonly source: SimulatedFeedDefinition;
}

interface FeedEntry {
  readonly article: Article;
  /** Tracking parameters a syndicating outlet appends; '' for the original. */
  readonly query: string;
}

interface RenderedFeed {
  readonly version: number;
  readonly identity: Buffer;
  gzip?: Buffer;
}

interface FeedState {
  readonly def: SimulatedFeedDefinition;
  /** Newest first, at most MAX_ITEMS_PER_FEED. */
  entries: FeedEntry[];
  version: number;
  lastModified: number;
  /** Corpus indexes still to publish in this round; refilled and reshuffled when empty. */
  deck: number[];
  readonly eligible: readonly number[];
  /** How many times this outlet has run each corpus story, keyed by corpus index. */
  readonly runs: Map<number, number>;
  rendered?: RenderedFeed;
}

const UPDATE_PREFIX: Record<CorpusLanguage, (count: number) => string> = {
  en: (count) => `Update ${count}: `,
  fr: (count) => `Mise à jour ${count} : `,
  ar: (count) => `تحديث ${count}: `,
};

function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function checkNumber(name: string, value: number | undefined, fallback: number, min: number, max: number, integer: boolean): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new FeedSimulatorError('invalid-options', `FeedSimulator option ${name} must be ${kind} between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';').map((piece) => piece.trim());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') return false;
    const q = params.find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function opaqueTag(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** RFC 9110: If-None-Match wins over If-Modified-Since, and uses weak comparison. */
function isNotModified(req: http.IncomingMessage, etag: string, lastModifiedMs: number): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => opaqueTag(tag) === opaqueTag(etag));
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have one-second precision, so compare whole seconds.
  return Number.isFinite(since) && Math.floor(lastModifiedMs / 1000) * 1000 <= since;
}

/**
 * A local stand-in for the world's news feeds: about twenty fictional outlets on node:http, in
 * RSS 2.0, Atom, RSS 1.0 and JSON Feed, in English, Arabic (one in windows-1256) and French (one
 * in ISO-8859-1), publishing stories from a bundled corpus every few seconds, with four outlets
 * broken in different ways. It owns nothing of the product; the demo and tests point the real
 * app at it.
 */
export class FeedSimulator {
  private readonly host: string;
  private readonly port: number;
  private readonly publishEveryMs: number;
  private readonly initialItemsPerFeed: number;
  private readonly syndicationRate: number;
  private readonly now: () => number;
  private readonly onPublish: ((publication: SimulatedPublication) => void) | undefined;
  private readonly random: SeededRandom;
  private readonly corpus: readonly CorpusItem[];
  private readonly byPath = new Map<string, SimulatedFeedDefinition>();
  private readonly bySlug = new Map<string, SimulatedFeedDefinition>();
  private readonly states = new Map<string, FeedState>();
  private readonly healthy: FeedState[];
  private readonly articles = new Map<string, Article>();
  private readonly drips = new Set<NodeJS.Timeout>();
  private articleCount = 0;
  /**
   * Distinguishes this run's articles from an earlier run's: the demo restarts on a fixed port with
   * a database that remembers guids, and a reused guid would hide the new story as already seen.
   */
  private readonly runId: string;
  private backfilled = false;
  private server: http.Server | undefined;
  private base: string | undefined;
  private starting: Promise<{ baseUrl: string }> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: FeedSimulatorOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.port = checkNumber('port', options.port, 0, 0, 65_535, true);
    this.publishEveryMs = checkNumber('publishEveryMs', options.publishEveryMs, 4_000, 0, 2_147_483_647, false);
    this.initialItemsPerFeed = checkNumber('initialItemsPerFeed', options.initialItemsPerFeed, 10, 0, MAX_ITEMS_PER_FEED, true);
    this.syndicationRate = checkNumber('syndicationRate', options.syndicationRate, 0.1, 0, 1, false);
    const seed = checkNumber('seed', options.seed, Math.floor(Math.random() * 2 ** 32), -(2 ** 53), 2 ** 53, true);
    this.random = new SeededRandom(seed);
    this.now = options.now ?? Date.now;
    this.onPublish = options.onPublish;
    this.runId = Math.floor(this.now() / 1000).toString(36);
    this.corpus = options.corpus === undefined ? loadDemoCorpus() : parseCorpus(options.corpus);

    for (const def of SIMULATED_FEED_CATALOGUE) {
      this.byPath.set(def.path, def);
      this.bySlug.set(def.slug, def);
      if (def.failing === undefined) {
        this.states.set(def.path, { def, entries: [], version: 0, lastModified: 0, deck: [], eligible: this.eligibleFor(def), runs: new Map() });
      }
    }
    this.healthy = [...this.states.values()];
  }

  /** Listens, fills every healthy feed with backdated stories on first start, and starts the publish timer. */
  start(): Promise<{ baseUrl: string }> {
    if (this.base !== undefined) return Promise.resolve({ baseUrl: this.base });
    this.starting ??= this.listen().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Stops the timer, cuts off slow-feed connections and closes the server. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const drip of this.drips) clearInterval(drip);
    this.drips.clear();
    const server = this.server;
    this.server = undefined;
    this.base = undefined;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  feeds(): SimulatedFeed[] {
    const base = this.requireBase();
    return SIMULATED_FEED_CATALOGUE.map((def) => ({
      slug: def.slug,
      path: def.path,
      url: base + def.path,
      siteUrl: `${base}/site/${def.slug}`,
      title: def.title,
      group: def.group,
      format: def.format,
      language: def.language,
      charset: def.charset,
      ...(def.failing === undefined ? {} : { failing: def.failing }),
    }));
  }

  /**
   * Publishes one story now, in the given feed (a path such as '/feeds/horn-wire/feed.json' or
   * its full URL) or in a random healthy feed.
   */
  publishNow(feedPath?: string): SimulatedPublication {
    this.requireBase();
    if (feedPath === undefined) return this.publish(this.random.pick(this.healthy), new Date(this.now()));
    const path = /^https?:\/\//i.test(feedPath) ? new URL(feedPath).pathname : feedPath;
    const def = this.byPath.get(path);
    if (def === undefined) {
      throw new FeedSimulatorError('unknown-feed', `The simulator has no feed at ${feedPath}; see feeds() for the list`);
    }
    const state = this.states.get(path);
    if (state === undefined) {
      throw new FeedSimulatorError('feed-is-failing', `${def.title} is broken on purpose (${def.failing ?? 'failing'}) and never publishes`);
    }
    return this.publish(state, new Date(this.now()));
  }

  private async listen(): Promise<{ baseUrl: string }> {
    const server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: Error) => {
        reject(new FeedSimulatorError('listen-failed', `The demo feed simulator could not listen on ${this.host}:${this.port}: ${error.message}`, { cause: error }));
      });
      server.listen(this.port, this.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    this.server = server;
    this.base = `http://${host}:${port}`;
    // Links embed the base URL, which can change between starts.
    for (const state of this.healthy) state.rendered = undefined;
    if (!this.backfilled) this.backfill();
    if (this.publishEveryMs > 0) {
      this.timer = setInterval(() => this.publish(this.random.pick(this.healthy), new Date(this.now())), this.publishEveryMs);
    }
    return { baseUrl: this.base };
  }

  private requireBase(): string {
    if (this.base === undefined) {
      throw new FeedSimulatorError('not-started', 'The feed simulator is not running; await start() first');
    }
    return this.base;
  }

  private eligibleFor(def: SimulatedFeedDefinition): number[] {
    const indexes = (keep: (item: CorpusItem) => boolean): number[] =>
      this.corpus.flatMap((item, index) => (keep(item) ? [index] : []));
    // A small custom corpus may not cover an outlet's beat; fall back rather than go silent.
    const onBeat = indexes((item) => feedCovers(def, item));
    if (onBeat.length > 0) return onBeat;
    const sameLanguage = indexes((item) => item.lang === def.language);
    return sameLanguage.length > 0 ? sameLanguage : indexes(() => true);
  }

  /** Gives each healthy feed a history, oldest first, so the first poll already finds stories. */
  private backfill(): void {
    const startedAt = this.now();
    for (let round = 0; round < this.initialItemsPerFeed; round++) {
      for (const state of this.healthy) {
        const ageMs = (this.initialItemsPerFeed - round) * BACKFILL_SPACING_MS - this.random.int(BACKFILL_SPACING_MS);
        this.publish(state, new Date(startedAt - ageMs));
      }
    }
    for (const state of this.healthy) state.lastModified = startedAt;
    this.backfilled = true;
  }

  private draw(state: FeedState): number {
    if (state.deck.length === 0) state.deck = this.random.shuffled(state.eligible);
    return state.deck.pop() as number;
  }

  private publish(state: FeedState, published: Date): SimulatedPublication {
    const index = this.draw(state);
    const item = this.corpus[index] as CorpusItem;
    const runs = state.runs.get(index) ?? 0;
    state.runs.set(index, runs + 1);
    const n = ++this.articleCount;
    // A transliterated Arabic slug would be mostly digits; name those articles after the topic instead.
    const nonLatinTitle = /(?!\p{Script=Latin})\p{L}/u.test(item.title);
    const slug = (nonLatinTitle ? '' : slugify(item.title)) || slugify(item.topic) || 'article';
    const article: Article = {
      key: `${slug}-${this.runId}-${n}`,
      n,
      // When an outlet's deck comes round again, the story runs as an update, as wires do.
      title: runs === 0 ? item.title : UPDATE_PREFIX[item.lang](runs) + item.title,
      summary: item.summary,
      topic: item.topic,
      lang: item.lang,
      published,
      source: state.def,
    };
    this.remember(article);
    this.addEntry(state, { article, query: '' });

    let syndicatedTo: SimulatedPublication['syndicatedTo'];
    if (this.random.chance(this.syndicationRate)) {
      const partner = this.syndicationPartner(state, item);
      if (partner !== undefined) {
        const query = this.random.chance(0.5) ? `?utm_source=rss&utm_medium=syndication&utm_campaign=${partner.def.slug}` : '';
        this.addEntry(partner, { article, query });
        syndicatedTo = { feedPath: partner.def.path, link: this.linkOf({ article, query }) };
      }
    }

    const publication: SimulatedPublication = {
      feedPath: state.def.path,
      title: article.title,
      link: this.linkOf({ article, query: '' }),
      guid: this.guidOf(state.def, { article, query: '' }),
      published,
      ...(syndicatedTo === undefined ? {} : { syndicatedTo }),
    };
    // The backfill is history, not news; only later publications are announced.
    if (this.backfilled) this.onPublish?.(publication);
    return publication;
  }

  private syndicationPartner(source: FeedState, item: CorpusItem): FeedState | undefined {
    const others = this.healthy.filter((state) => state !== source && state.def.language === item.lang);
    const onBeat = others.filter((state) => feedCovers(state.def, item));
    const candidates = onBeat.length > 0 ? onBeat : others;
    return candidates.length > 0 ? this.random.pick(candidates) : undefined;
  }

  private addEntry(state: FeedState, entry: FeedEntry): void {
    state.entries = [entry, ...state.entries]
      .sort((a, b) => b.article.published.getTime() - a.article.published.getTime())
      .slice(0, MAX_ITEMS_PER_FEED);
    state.version += 1;
    // Never reuse a Last-Modified second, or a client using only If-Modified-Since would miss the change.
    state.lastModified = Math.max(this.now(), state.lastModified + 1_000);
  }

  private remember(article: Article): void {
    this.articles.set(article.key, article);
    if (this.articles.size > MAX_ARTICLES_KEPT) {
      const oldest = this.articles.keys().next().value;
      if (oldest !== undefined) this.articles.delete(oldest);
    }
  }

  private linkOf(entry: FeedEntry): string {
    return `${this.base ?? ''}/articles/${entry.article.key}${entry.query}`;
  }

  private guidOf(def: SimulatedFeedDefinition, entry: FeedEntry): string {
    return def.guidStyle === 'permalink' ? this.linkOf(entry) : `tag:${def.slug}.example,2025:${this.runId}-${entry.article.n}`;
  }

  private renderedFeed(state: FeedState, base: string): RenderedFeed {
    if (state.rendered?.version !== state.version) {
      const entries: FeedDocumentEntry[] = state.entries.map((entry) => ({
        guid: this.guidOf(state.def, entry),
        link: this.linkOf(entry),
        title: entry.article.title,
        summary: entry.article.summary,
        topic: entry.article.topic,
        published: entry.article.published,
      }));
      const identity = renderFeedDocument({
        feed: state.def,
        feedUrl: base + state.def.path,
        siteUrl: `${base}/site/${state.def.slug}`,
        updated: new Date(state.lastModified),
        entries,
      });
      state.rendered = { version: state.version, identity };
    }
    return state.rendered;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    try {
      this.route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      send(res, 500, 'text/plain; charset=utf-8', `Feed simulator error: ${message}\n`, false);
    }
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', false);
      return;
    }
    const head = method === 'HEAD';
    const base = this.requireBase();
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://simulator.invalid').pathname);
    } catch {
      send(res, 400, 'text/plain; charset=utf-8', 'Bad request URL\n', head);
      return;
    }

    if (path === '/') {
      send(res, 200, 'text/html; charset=utf-8', renderIndexPage(base, SIMULATED_FEED_CATALOGUE), head);
      return;
    }
    if (path === '/feeds.opml') {
      send(res, 200, 'text/x-opml; charset=utf-8', renderSimulatorOpml(base, SIMULATED_FEED_CATALOGUE), head);
      return;
    }
    const def = this.byPath.get(path);
    if (def !== undefined) {
      this.serveFeed(def, req, res, head, base);
      return;
    }
    const site = /^\/site\/([a-z0-9-]+)\/?$/.exec(path);
    const siteDef = site ? this.bySlug.get(site[1] as string) : undefined;
    if (siteDef !== undefined) {
      const entries = this.states.get(siteDef.path)?.entries ?? [];
      const headlines = entries.slice(0, 10).map((entry) => ({ title: entry.article.title, link: this.linkOf(entry) }));
      send(res, 200, 'text/html; charset=utf-8', renderSitePage(base, siteDef, headlines), head);
      return;
    }
    const articleMatch = /^\/articles\/([^/]+)$/.exec(path);
    const article = articleMatch ? this.articles.get(articleMatch[1] as string) : undefined;
    if (article !== undefined) {
      const html = renderArticlePage({
        title: article.title,
        summary: article.summary,
        lang: article.lang,
        canonicalUrl: `${base}/articles/${article.key}`,
        published: article.published,
        outlet: article.source.title,
        outletUrl: `${base}/site/${article.source.slug}`,
      });
      send(res, 200, 'text/html; charset=utf-8', html, head);
      return;
    }
    send(res, 404, 'text/html; charset=utf-8', renderNotFoundPage(path), head);
  }

  private serveFeed(def: SimulatedFeedDefinition, req: http.IncomingMessage, res: http.ServerResponse, head: boolean, base: string): void {
    switch (def.failing) {
      case 'http-500':
        send(res, 500, 'text/html; charset=utf-8', renderServerErrorPage(), head);
        return;
      case 'html-page':
        send(res, 200, 'text/html; charset=utf-8', renderConsentWallPage(def), head);
        return;
      case 'malformed-xml': {
        const titles = this.corpus.filter((item) => item.lang === 'en').slice(0, 2).map((item) => item.title);
        send(res, 200, def.contentType, renderMalformedFeed(def, `${base}/site/${def.slug}`, titles), head);
        return;
      }
      case 'never-completes':
        this.drip(def, res);
        return;
      case undefined:
        this.serveHealthyFeed(this.states.get(def.path) as FeedState, req, res, head, base);
        return;
    }
  }

  /** Headers and a few bytes straight away, then one byte a second until the client gives up. */
  private drip(def: SimulatedFeedDefinition, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': def.contentType, 'Cache-Control': CACHE_CONTROL });
    res.write(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n    <title>${def.title}</title>\n`);
    const timer = setInterval(() => res.write(' '), DRIP_INTERVAL_MS);
    this.drips.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      this.drips.delete(timer);
    });
  }

  private serveHealthyFeed(state: FeedState, req: http.IncomingMessage, res: http.ServerResponse, head: boolean, base: string): void {
    const rendered = this.renderedFeed(state, base);
    // Weak, because the same version is served both gzipped and not.
    const etag = `W/"${state.def.slug}-${state.version}"`;
    const validators = {
      ETag: etag,
      'Last-Modified': new Date(state.lastModified).toUTCString(),
      'Cache-Control': CACHE_CONTROL,
      Vary: 'Accept-Encoding',
    };
    if (isNotModified(req, etag, state.lastModified)) {
      res.writeHead(304, validators);
      res.end();
      return;
    }
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const body = gzip ? (rendered.gzip ??= gzipSync(rendered.identity)) : rendered.identity;
    res.writeHead(200, {
      ...validators,
      'Content-Type': state.def.contentType,
      'Content-Length': body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(head ? undefined : body);
  }
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer, head: boolean): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length, 'Cache-Control': CACHE_CONTROL });
  res.end(head ? undefined : bytes);
}
