/**
 * npm run bench:ingest — end-to-end ingest figures on SQLite (or DATABASE_URL for PostgreSQL):
 *  1. new stories stored per second (fetch, parse, normalise, tag, store, story:new), three runs
 *     of 50 new feeds x 200 new items; target 6,000/s on SQLite (3,000/s on PostgreSQL); also the
 *     rate once every story is placed in its event, and the CPU per story;
 *  2. CPU per unchanged (304) poll, three runs of 2,000 polls, target 0.5 ms or less;
 *  3. (--full) CPU share and memory of 1,000 feeds on 5-minute intervals, target under 1% of a core.
 * BENCH_MINUTES (default 6) sets how long part 3 watches; it needs at least one 5-minute cycle.
 * BENCH_PARTS=1 or 2 stops after that part.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp } from '../server/src/app';
import { ClustersService } from '../server/src/clusters/clusters.service';
import { loadConfig } from '../server/src/config/config';
import { FeedsService } from '../server/src/feeds/feeds.service';
import { buildOpml } from '../server/src/feeds/opml';
import { startFeedServerProcess } from './feed-server-process';
import { describe, fullMode, machine, machineLine, publish, repeat, row, runs, TABLE_HEAD, verdict } from './lib/report';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const m = machine();
  const table: string[] = [];
  const minutes = Number(process.env.BENCH_MINUTES ?? 6);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-bench-'));
  const feeds = await startFeedServerProcess();
  const config = loadConfig({
    PORT: '0',
    SQLITE_PATH: path.join(dir, 'bench.db'),
    DEFAULT_FEEDS: 'none',
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    POLLING_ENABLED: 'false',
    // Part 1 polls 4 feeds of one host at a time.
    POLL_PER_HOST: '4',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const finish = () => {
    feeds.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    const database = config.database.type === 'postgres' ? 'PostgreSQL' : 'SQLite (WAL, synchronous=FULL)';
    publish(config.database.type === 'postgres' ? 'ingest-postgres' : 'ingest', config.database.type === 'postgres' ? 'Ingest on PostgreSQL' : 'Ingest', '', [machineLine(m, `${database}; ${fullMode() ? 'full' : 'quick'} mode.`), '', ...TABLE_HEAD, ...table]);
  };
  let { app } = await startApp(config, { logger: ['error'] });
  let service = app.get(FeedsService);

  // 1. Throughput: 50 new feeds x 200 new items per run, polled 4 at a time (as the worker pool would).
  const feedCount = 50;
  const perFeed = 200;
  const storedRates: number[] = [];
  const placedRates: number[] = [];
  const cpuPerStory: number[] = [];
  await repeat(async (run) => {
    await service.importOpml(buildOpml(Array.from({ length: feedCount }, (_, i) => ({ url: `${feeds.origin}/fresh/r${run}f${i}/1?items=${perFeed}`, title: `R${run} F${i}`, group: null, siteUrl: null }))));
    const ids = (await service.list()).filter((f) => f.title.startsWith(`R${run} `)).map((f) => f.id);
    let stored = 0;
    const started = performance.now();
    const cpuStarted = cpuMs();
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
    // Placing the stories in events goes on after the polls; waiting for it also keeps it out of the next run.
    await app.get(ClustersService).idle();
    const placedSeconds = (performance.now() - started) / 1000;
    storedRates.push(stored / seconds);
    placedRates.push(stored / placedSeconds);
    cpuPerStory.push(((cpuMs() - cpuStarted) * 1000) / stored);
    console.log(`run ${run + 1}: ${stored} stories stored in ${seconds.toFixed(2)} s, all placed in events after ${placedSeconds.toFixed(2)} s`);
    return stored / seconds;
  });
  const storedRuns = runs(storedRates);
  const storeTarget = config.database.type === 'postgres' ? 3000 : 6000;
  table.push(row('new stories stored, end to end (fetch, parse, tag, store, story:new)', describe(storedRuns, 0, 'stories/s'), verdict(storedRuns, { op: '>=', value: storeTarget }, `${storeTarget.toLocaleString('en-US')}/s`)));
  table.push(row('... and placed in events', describe(runs(placedRates), 0, 'stories/s')));
  table.push(row('CPU per stored story, placing included', describe(runs(cpuPerStory), 0, 'µs')));

  if (process.env.BENCH_PARTS === '1') return finish();

  // 2. CPU per unchanged poll: a feed answering 304 to its ETag.
  const probe = await service.create({ url: `${feeds.origin}/feed/probe?items=20` });
  await service.pollNow(probe.id);
  const polls = 2000;
  for (let i = 0; i < 100; i++) await service.pollNow(probe.id);
  const walls: number[] = [];
  const perPoll = await repeat(async () => {
    const cpu0 = cpuMs();
    const wall0 = performance.now();
    for (let i = 0; i < polls; i++) await service.pollNow(probe.id);
    walls.push((performance.now() - wall0) / polls);
    return (cpuMs() - cpu0) / polls;
  });
  table.push(row('CPU per unchanged (304) poll', `${describe(perPoll, 2, 'ms')}; ${runs(walls).median.toFixed(2)} ms wall`, verdict(perPoll, { op: '<=', value: 0.5 }, '0.5 ms')));
  await app.close();
  if (!fullMode() || process.env.BENCH_PARTS === '2') return finish();

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
  const stats = await service.statusCounts();
  table.push(row(`1,000 feeds every 5 minutes, over ${minutes} min (1 run)`, `${(share * 100).toFixed(2)}% of one core; feeds after: ${JSON.stringify(stats)}`, `< 1%: ${share < 0.01 ? 'met' : 'NOT MET'}`));
  table.push(row('memory over that time', `heap ${samples.map((x) => mib(x.heap)).join(' -> ')}; RSS ${mib(samples[0].rss)} -> ${mib(samples[samples.length - 1].rss)}`, 'flat'));
  await app.close();
  fs.rmSync(steadyDir, { recursive: true, force: true });
  finish();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
