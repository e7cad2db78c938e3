/**
 * npm run bench:growth — how the cost grows with the archive: fills the database to 10,000 and
 * 100,000 stories (and 1,000,000 with --full) through the ingest service, in polls of 1,000
 * generated stories, and at each size reports the ingest rate, the first page of the story list
 * (plain, by macro-region, by topic, by words; p50 and p99 of 30 requests, three times), the
 * database size and the server's memory. Nothing may grow faster than the stories do.
 *
 * Stories are first seen at 20,000 a day (a large deployment), so the event window moves as a
 * real one would. SQLite by default; DATABASE_URL=postgres://... for PostgreSQL; BENCH_SIZES=2000,5000
 * for other sizes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startApp } from '../server/src/app';
import { SYSTEM } from '../server/src/auth/principal';
import { TokensService } from '../server/src/auth/tokens.service';
import { ClustersService } from '../server/src/clusters/clusters.service';
import { loadConfig } from '../server/src/config/config';
import { Database } from '../server/src/database/database';
import { FeedEntity } from '../server/src/database/entities';
import { IngestService } from '../server/src/ingest/ingest.service';
import { newsGenerator } from './lib/news';
import { describe, fullMode, machine, machineLine, met, number, publish, repeat, row, runs, TABLE_HEAD, type Target, verdict } from './lib/report';

const PER_DAY = 20_000;
const POLL = 1_000;
const QUERIES = [
  ['first page', ''],
  ['region=middle-east', '&region=middle-east'],
  ['topic=airstrike', '&topic=airstrike'],
  ['q=displaced aid', '&q=displaced%20aid'],
] as const;

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function main(): Promise<void> {
  const m = machine();
  const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : fullMode() ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-growth-'));
  const sqlitePath = path.join(dir, 'growth.db');
  const config = loadConfig({ PORT: '0', SQLITE_PATH: sqlitePath, DEFAULT_FEEDS: 'none', POLLING_ENABLED: 'false', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
  const { app, url } = await startApp(config, { logger: ['error'] });
  const { token } = await app.get(TokensService).create(SYSTEM, { name: 'Bench wall', role: 'wall' });
  const authorised = { headers: { authorization: `Bearer ${token}` } };
  // Client and server share this process: after a long fill, a kept-alive socket the server has
  // just closed can be reused once; that request is sent again.
  const get = async (query: string) => {
    const send = () => fetch(`${url}/api/stories?limit=50${query}`, authorised);
    const response = await send().catch(send);
    if (!response.ok) throw new Error(`${query || 'first page'}: HTTP ${response.status}`);
    return response.json();
  };
  const ingest = app.get(IngestService);
  const clusters = app.get(ClustersService);
  const db = app.get(Database);
  const feedId = (await db.dataSource.getRepository(FeedEntity).save({ url: 'https://growth.example/rss', title: 'Growth Wire', titleFromUser: true, nextPollAt: Date.now() + 86_400_000, createdAt: Date.now(), status: 'ok' })).id;
  const feed = { id: feedId, title: 'Growth Wire' };
  const news = newsGenerator(20261206);
  const last = sizes[sizes.length - 1];
  const start = Date.now() - (last / PER_DAY) * 86_400_000;
  let n = 0;

  const databaseSize = async (): Promise<number> => {
    if (config.database.type === 'postgres') {
      const [r] = (await db.dataSource.query('SELECT pg_database_size(current_database()) AS size')) as { size: string }[];
      return Number(r.size);
    }
    return ['', '-wal'].reduce((sum, suffix) => sum + (fs.existsSync(sqlitePath + suffix) ? fs.statSync(sqlitePath + suffix).size : 0), 0);
  };

  const lines = [machineLine(m, `${config.database.type === 'postgres' ? 'PostgreSQL' : 'SQLite (WAL)'}; ${fullMode() ? 'full' : 'quick'} mode; stories first seen at ${number(PER_DAY)} a day.`), '', ...TABLE_HEAD];
  console.log(`growth benchmark: ${sizes.map((s) => number(s)).join(', ')} stories on ${config.database.type}`);
  for (const size of sizes) {
    const from = n;
    const t0 = performance.now();
    while (n < size) {
      const now = start + (n / PER_DAY) * 86_400_000;
      const items = Array.from({ length: Math.min(POLL, size - n) }, () => {
        n++;
        const story = news.story();
        return { title: story.title, summary: story.summary, guidKey: `g-${n}`, url: `https://growth.example/${n}`, canonicalUrl: `https://growth.example/${n}`, publishedAt: new Date(now - news.int(0, 3_600_000)) };
      });
      await ingest.ingest(feed, items, now);
    }
    const storedSeconds = (performance.now() - t0) / 1000;
    await clusters.idle();
    const placedSeconds = (performance.now() - t0) / 1000;
    const rate = (n - from) / storedSeconds;
    lines.push(row(`${number(size)} stories: ingest`, `${number(rate)} stories/s stored (${number(n - from)} in ${storedSeconds.toFixed(1)} s; all placed in events after ${placedSeconds.toFixed(1)} s)`));

    const target: Target = { op: '<=', value: size >= 1_000_000 ? 100 : 50 };
    for (const [label, query] of QUERIES) {
      for (let i = 0; i < 5; i++) await get(query);
      const p50s: number[] = [];
      const p99 = await repeat(async () => {
        const times: number[] = [];
        for (let i = 0; i < 30; i++) {
          const t = performance.now();
          await get(query);
          times.push(performance.now() - t);
        }
        p50s.push(percentile(times, 50));
        return percentile(times, 99);
      });
      const shownTarget = size >= 100_000 && label !== 'first page' ? verdict(p99, target, `p99 < ${target.value} ms`) : '—';
      lines.push(row(`${number(size)} stories: ${label}`, `p99 ${describe(p99, 1, 'ms')}, p50 ${runs(p50s).median.toFixed(1)} ms`, shownTarget));
      if (size >= 100_000 && !met(p99, target)) console.log(`  ${label} at ${number(size)}: target missed`);
    }
    global.gc?.();
    const memory = process.memoryUsage();
    const bytes = await databaseSize();
    lines.push(row(`${number(size)} stories: size`, `database ${(bytes / 1024 / 1024).toFixed(0)} MiB (${number(bytes / size)} bytes a story); server RSS ${(memory.rss / 1024 / 1024).toFixed(0)} MiB, heap ${(memory.heapUsed / 1024 / 1024).toFixed(0)} MiB${global.gc ? '' : ' (without --expose-gc)'}`));
    console.log(lines[lines.length - 1]);
  }
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
  publish(
    'growth',
    'Growth',
    '`npm run bench:growth` (`-- --full` adds 1,000,000): the archive filled through the ingest service in polls of 1,000 generated stories (bench/lib/news.ts); at each size the ingest rate, the first page of `/api/stories` plain and filtered (30 requests, three times: the p99 shown is the median of the three runs), the database size and the server memory. Targets: filtered first pages p99 under 50 ms at 100,000 stories, under 100 ms at 1,000,000.',
    lines,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
