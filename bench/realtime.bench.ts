/**
 * npm run bench:realtime — the live dashboard's figures:
 *  1. time from a story's insert to its arrival at 500 connected socket.io clients (p50, p99; target p99 < 200 ms);
 *  2. the API's first page with 100,000 stored stories (target < 1 s), plain, filtered and searched;
 *  3. the wall's first render in Chromium with 100,000 stored stories (target < 1 s);
 *  4. the wall's browser memory over BENCH_WALL_MINUTES (default 30) of a story every second (target: flat).
 * BENCH_PARTS=1,2,3,4 picks parts; the quick mode (npm run bench) runs part 1, --full parts 1, 3 and 4
 * (part 2 is measured at several sizes by bench:growth).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { io, Socket } from 'socket.io-client';
import { startApp } from '../server/src/app';
import { SYSTEM } from '../server/src/auth/principal';
import { TokensService } from '../server/src/auth/tokens.service';
import { loadConfig } from '../server/src/config/config';
import { Database } from '../server/src/database/database';
import { FeedEntity } from '../server/src/database/entities';
import { IngestService } from '../server/src/ingest/ingest.service';
import { fullMode, machine, machineLine, publish, repeat, row, TABLE_HEAD } from './lib/report';

const parts = new Set((process.env.BENCH_PARTS ?? (fullMode() ? '1,3,4' : '1')).split(','));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const verdict = (ok: boolean) => (ok ? 'target met' : 'TARGET MISSED');
const PLACES = ['Hasakah, Syria', 'Mosul, Iraq', 'Kharkiv, Ukraine', 'El Fasher, Sudan', 'Gao, Mali', 'Goma, DR Congo', 'Aden, Yemen', 'Gaza', 'Kabul, Afghanistan', 'Mogadishu, Somalia'];
const EVENTS = ['Airstrike hits depot near', 'Detainees moved from prison in', 'Protesters gather in', 'Aid convoy reaches', 'Clashes erupt near', 'Ceasefire talks on', 'Drone strike kills three in'];

function story(n: number): { title: string; summary: string } {
  const place = PLACES[n % PLACES.length];
  const event = EVENTS[(n * 7) % EVENTS.length];
  return { title: `${event} ${place} (#${n})`, summary: `Report ${n}: officials said the situation around ${place} remained tense; aid groups reported displacement.` };
}

async function main(): Promise<void> {
  const m = machine();
  const table: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-rt-bench-'));
  const config = loadConfig({ PORT: '0', SQLITE_PATH: path.join(dir, 'bench.db'), DEFAULT_FEEDS: 'none', POLLING_ENABLED: 'false', SOCKETS_PER_PRINCIPAL: '1000', SOCKETS_PER_ADDRESS: '1000', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
  const { app, url } = await startApp(config, { logger: ['error'] });
  // The clients are a wall: one read-only token for the sockets and the API reads.
  const { token } = await app.get(TokensService).create(SYSTEM, { name: 'Bench wall', role: 'wall' });
  const authorised = { headers: { authorization: `Bearer ${token}` } };
  const stories = app.get(IngestService);
  const db = app.get(Database);
  const feedId = (await db.dataSource.getRepository(FeedEntity).save({ url: 'https://bench.example/rss', title: 'Bench Wire', titleFromUser: true, nextPollAt: Date.now() + 86_400_000, createdAt: Date.now(), status: 'ok' })).id;
  const feed = { id: feedId, title: 'Bench Wire' };
  let n = 0;
  const ingest = (count: number, at = Date.now()) =>
    stories.ingest(
      feed,
      Array.from({ length: count }, () => {
        n++;
        return { ...story(n), guidKey: `bench-${n}`, url: `https://bench.example/${n}`, canonicalUrl: `https://bench.example/${n}`, publishedAt: new Date(at - (count - n) * 1000) };
      }),
    );
  console.log(`real-time benchmark on ${config.database.type}, node ${process.version}, ${os.cpus().length} cores`);

  if (parts.has('1')) {
    const clients: Socket[] = [];
    const latencies: number[] = [];
    let sentAt = 0;
    for (let i = 0; i < 500; i++) {
      const client = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      client.on('story:new', () => latencies.push(performance.now() - sentAt));
      clients.push(client);
    }
    await Promise.all(clients.map((c) => new Promise((r) => (c.connected ? r(null) : c.once('connect', () => r(null))))));
    const rounds = 40;
    let delivered = 0;
    const p50s: number[] = [];
    const p99 = await repeat(async () => {
      latencies.length = 0;
      for (let i = 0; i < rounds; i++) {
        sentAt = performance.now();
        await ingest(1);
        await new Promise((r) => setTimeout(r, 250));
      }
      delivered += latencies.length;
      p50s.push(percentile(latencies, 50));
      return percentile(latencies, 99);
    });
    const complete = delivered === p99.values.length * rounds * 500;
    console.log(`1. insert -> arrival at 500 clients: ${delivered} deliveries, p99 ${p99.values.map((v) => v.toFixed(1)).join(' / ')} ms`);
    table.push(row('insert -> arrival at 500 socket.io clients', `${delivered} of ${p99.values.length * rounds * 500} delivered; p99 ${p99.median.toFixed(1)} ms (median; ${p99.min.toFixed(1)}-${p99.max.toFixed(1)} over ${p99.values.length} runs of ${rounds} stories), p50 ${percentile(p50s, 50).toFixed(1)} ms`, `p99 < 200 ms: ${complete && p99.median < 200 ? 'met' : 'NOT MET'}`));
    for (const c of clients) c.disconnect();
    await new Promise((r) => setTimeout(r, 1000));
  }

  if (parts.has('2') || parts.has('3') || parts.has('4')) {
    const target = 100_000;
    const seedStart = performance.now();
    while (n < target) await ingest(Math.min(1000, target - n), Date.now() - 3600_000);
    console.log(`seeded ${n} stories in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  }

  if (parts.has('2')) {
    // Warm up: the first query after seeding also competes with the alert engine catching up.
    for (let i = 0; i < 5; i++) await (await fetch(`${url}/api/stories?limit=50`, authorised)).json();
    for (const [label, query] of [
      ['first page', '?limit=50'],
      ['first page, region=middle-east', '?limit=50&region=middle-east'],
      ['first page, topic=airstrike', '?limit=50&topic=airstrike'],
      ['first page, q=displacement aid', '?limit=50&q=displacement%20aid'],
      ['page 100 by cursor walk', null],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        if (query) {
          const response = await fetch(`${url}/api/stories${query}`, authorised);
          await response.json();
        } else if (i < 3) {
          let cursor: string | null = null;
          for (let p = 0; p < 100; p++) {
            const page = (await (await fetch(`${url}/api/stories?limit=50${cursor ? `&cursor=${cursor}` : ''}`, authorised)).json()) as { nextCursor: string | null };
            cursor = page.nextCursor;
          }
        } else break;
        times.push(performance.now() - t0);
      }
      const p99 = percentile(times, 99);
      console.log(`2. API ${label} with 100,000 stories: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${query ? ` (target < 1 s: ${verdict(p99 < 1000)})` : ' for 100 pages'}`);
    }
  }

  if (parts.has('3') || parts.has('4')) {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--no-first-run'] });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    if (parts.has('3')) {
      const renders: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await page.goto(`${url}/wall`);
        await page.getByTestId('wall-story').first().waitFor();
        renders.push(performance.now() - t0);
      }
      console.log(`3. wall first render (navigation to first story shown) with 100,000 stories: ${renders.map((r) => r.toFixed(0)).join(', ')} ms; median ${percentile(renders, 50).toFixed(0)} ms (target < 1 s: ${verdict(percentile(renders, 50) < 1000)})`);
      table.push(row('wall first render (1920x1080), 100,000 stories', `median ${percentile(renders, 50).toFixed(0)} ms (${Math.min(...renders).toFixed(0)}-${Math.max(...renders).toFixed(0)} over ${renders.length} loads)`, `< 1 s: ${percentile(renders, 50) < 1000 ? 'met' : 'NOT MET'}`));
    }
    if (parts.has('4')) {
      const minutes = Number(process.env.BENCH_WALL_MINUTES ?? 30);
      await page.goto(`${url}/wall`);
      await page.getByTestId('wall-story').first().waitFor();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
        const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
        return { heap: get('JSHeapUsedSize') / 1024 / 1024, nodes: get('Nodes') };
      };
      const samples = [await heap()];
      const publisher = setInterval(() => void ingest(1), 1000);
      for (let minute = 1; minute <= minutes; minute++) {
        await new Promise((r) => setTimeout(r, 60_000));
        samples.push(await heap());
      }
      clearInterval(publisher);
      // The wall's 24-hour aggregates fill up during the first minutes; "flat" is judged on the second half.
      const first = samples[1] ?? samples[0];
      const middle = samples[Math.floor(samples.length / 2)];
      const last = samples[samples.length - 1];
      const growth = (last.heap - first.heap) / first.heap;
      const steadyGrowth = (last.heap - middle.heap) / middle.heap;
      console.log(
        `4. wall memory over ${minutes} min at one story a second: JS heap ${samples.map((s) => s.heap.toFixed(1)).join(' ')} MiB; DOM nodes ${samples[0].nodes} -> ${last.nodes}; ` +
          `growth after the first minute ${(growth * 100).toFixed(1)}%, over the second half ${(steadyGrowth * 100).toFixed(1)}% (target flat, second half < 5%: ${verdict(steadyGrowth < 0.05)})`,
      );
      table.push(row(`wall JS heap over ${minutes} min, a story a second`, `${first.heap.toFixed(1)} -> ${middle.heap.toFixed(1)} -> ${last.heap.toFixed(1)} MiB; DOM nodes ${samples[0].nodes} -> ${last.nodes}`, `second half < 5%: ${steadyGrowth < 0.05 ? 'met' : 'NOT MET'}`));
    }
    await browser.close();
  }

  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  publish('realtime', 'Real time', '', [machineLine(m, `${config.database.type}; parts ${[...parts].sort().join(', ')}.`), '', ...TABLE_HEAD, ...table]);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
