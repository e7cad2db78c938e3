/**
 * npm run bench:ingest — end-to-end ingest figures on SQLite (or DATABASE_URL):
 *  1. new stories stored per second (fetch, parse, normalise, store), target >= 2,000/s;
 *  2. CPU per unchanged (304) poll, target < 1 ms;
 *  3. CPU share and memory of 1,000 feeds on 5-minute intervals, target < 5% of a core, memory flat.
 * BENCH_MINUTES (default 6) sets how long part 3 watches; it needs at least one 5-minute cycle.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp } from '../server/src/app';
import { loadConfig } from '../server/src/config/config';
import { FeedsService } from '../server/src/feeds/feeds.service';
import { buildOpml } from '../server/src/feeds/opml';
import { startFeedServerProcess } from './feed-server-process';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const verdict = (ok: boolean) => (ok ? 'target met' : 'TARGET MISSED');

async function main(): Promise<void> {
  const minutes = Number(process.env.BENCH_MINUTES ?? 6);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-'));
  const feeds = await startFeedServerProcess();
  const config = loadConfig({
    PORT: '0',
    SQLITE_PATH: path.join(dir, 'bench.db'),
    DEFAULT_FEEDS: 'none',
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    POLLING_ENABLED: 'false',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  console.log(`ingest benchmark on ${config.database.type}, node ${process.version}, ${os.cpus().length} cores`);
  let { app } = await startApp(config, { logger: ['error'] });
  let service = app.get(FeedsService);

  // 1. Throughput: 50 feeds x 200 new items, polled 4 at a time (as the worker pool would).
  const feedCount = 50;
  const perFeed = 200;
  await service.importOpml(buildOpml(Array.from({ length: feedCount }, (_, i) => ({ url: `${feeds.origin}/fresh/f${i}/1?items=${perFeed}`, title: `F${i}`, group: null, siteUrl: null }))));
  const ids = (await service.list()).map((f) => f.id);
  let stored = 0;
  const started = performance.now();
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const result = await service.pollNow(id);
        if (result.status === 'error') console.log(`poll of feed ${id} failed: ${result.error}`);
        stored += result.newStories;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rate = stored / seconds;
  console.log(`new stories stored: ${stored} in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} stories/s (target >= 2000/s: ${verdict(rate >= 2000)})`);

  if (process.env.BENCH_PARTS === '1') process.exit(0);

  // 2. CPU per unchanged poll: a feed answering 304 to its ETag.
  const [probe] = await Promise.all([service.create({ url: `${feeds.origin}/feed/probe?items=20` })]);
  await service.pollNow(probe.id);
  const polls = 2000;
  for (let i = 0; i < 100; i++) await service.pollNow(probe.id);
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  for (let i = 0; i < polls; i++) await service.pollNow(probe.id);
  const perPoll = (cpuMs() - cpu0) / polls;
  console.log(`unchanged (304) poll: ${perPoll.toFixed(3)} ms CPU each, ${((performance.now() - wall0) / polls).toFixed(3)} ms wall (target < 1 ms: ${verdict(perPoll < 1)})`);
  await app.close();

  // 3. 1,000 feeds on fixed 5-minute intervals, with the real scheduler.
  const steadyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-steady-'));
  ({ app } = await startApp({ ...config, database: { type: 'sqlite', path: path.join(steadyDir, 'steady.db') }, polling: { ...config.polling, enabled: true } }, { logger: ['error'] }));
  service = app.get(FeedsService);
  const opml = buildOpml(Array.from({ length: 1000 }, (_, i) => ({ url: `${feeds.origin}/feed/s${i}?items=20`, title: `S${i}`, group: null, siteUrl: null })));
  await service.importOpml(opml);
  for (const feed of await service.list()) await service.update(feed.id, { intervalSec: 300 });
  // Wait for the first round (every feed fetched in full once), then measure the steady state.
  const roundStart = performance.now();
  while ((await service.statusCounts()).pending > 0) await new Promise((r) => setTimeout(r, 500));
  console.log(`first round: 1000 feeds fetched in ${((performance.now() - roundStart) / 1000).toFixed(1)} s`);
  global.gc?.();
  const samples: { t: number; heap: number; rss: number }[] = [];
  const c0 = cpuMs();
  const t0 = performance.now();
  const sample = () => samples.push({ t: (performance.now() - t0) / 1000, heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss });
  sample();
  const timer = setInterval(sample, 30_000);
  await new Promise((r) => setTimeout(r, minutes * 60_000));
  clearInterval(timer);
  sample();
  const share = (cpuMs() - c0) / (performance.now() - t0);
  console.log(`1000 feeds at 5-minute intervals over ${minutes} min: CPU ${(share * 100).toFixed(2)}% of one core (target < 5%: ${verdict(share < 0.05)})`);
  console.log(`memory: heap ${samples.map((s) => mib(s.heap)).join(' -> ')}; rss ${mib(samples[0].rss)} -> ${mib(samples[samples.length - 1].rss)}`);
  const stats = await service.statusCounts();
  console.log(`feeds after the run: ${JSON.stringify(stats)}`);
  await app.close();
  feeds.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(steadyDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
