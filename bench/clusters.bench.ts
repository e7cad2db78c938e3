/**
 * npm run bench:clusters — stories joined per second by the cluster engine with 10,000 and
 * 100,000 stories in its window (target: 5,000/s or more at 100,000, within 20% of the 10,000
 * figure), and heap per 100,000 stories. Stories are generated: events of one to six reports
 * from different outlets in 40 countries and 12 topics, titles and summaries drawn from a
 * vocabulary of 6,000 words plus the event's own names and figures, some wire copies.
 *
 * Fair between the two windows: the window is filled with N stories spread over the engine's
 * window (three days), so it holds N stories when the measurement starts, and the measured
 * stories arrive at the same rate, so it keeps holding N while old stories and events expire.
 * Both windows measure the same 20,000 stories (same generator and seed; only their times
 * differ). After a warm-up, each window is measured three times (BENCH_RUNS), the two windows
 * alternating so that a neighbour's load falls on both; the load average is taken before each
 * run, and targets are judged on the median run. The figures are written into the generated
 * section of bench/README.md.
 */
import * as os from 'node:os';
import { ClusterEngine, type ClusterInput, DEFAULT_CLUSTER_ENGINE_OPTIONS } from '../server/src/clusters/engine/cluster-engine';
import { extractFigures } from '../server/src/clusters/figures';
import { describe, machine, machineLine, number, publish, row, runCount, runs, type Runs, TABLE_HEAD, type Target, verdict } from './lib/report';

const MEASURED = 20_000;
const HOUR = 3600_000;
const WINDOW_HOURS = DEFAULT_CLUSTER_ENGINE_OPTIONS.windowMs / HOUR;
const FILL_SEED = 2026;
const MEASURED_SEED = 1206;
/** Ids and event names of the measured stories start here, past any filled story's. */
const MEASURED_FIRST_ID = 10_000_000;
const RATE_TARGET: Target = { op: '>=', value: 5000 };
const RATIO_TARGET: Target = { op: '>=', value: 0.8 };

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const COUNTRIES = 'SY IQ YE SD SS NG ML BF NE CD SO ET AF PK UA RU IL PS LB LY TD CF MZ MM HT CO MX VE IR TR EG DZ TN MA KE UG CM BD IN PH'.split(' ');
const TOPICS = 'prison-break airstrike armed-clash protest displacement humanitarian kidnapping explosion election ceasefire disaster epidemic'.split(' ');

/** Generates `count` stories, `perHour` an hour from `start`, with ids from `firstId`. */
function generate(count: number, firstId: number, start: number, perHour: number, random: () => number): ClusterInput[] {
  const vocabulary = Array.from({ length: 6000 }, (_, i) => `w${i.toString(36)}x`);
  const word = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)];
  const stories: ClusterInput[] = [];
  let id = firstId;
  let event = firstId;
  while (stories.length < count) {
    event++;
    const country = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
    const topic = TOPICS[Math.floor(random() * TOPICS.length)];
    const place = `${country}:town${event}`;
    const names = [`place${event}`, `name${event}`];
    const killed = 2 + Math.floor(random() * 300);
    const reports = 1 + Math.floor(random() * 6);
    let original: ClusterInput | null = null;
    for (let r = 0; r < reports && stories.length < count; r++) {
      const at = start + Math.floor(((stories.length + random()) / perHour) * HOUR);
      const copy = original !== null && random() < 0.2;
      const title = copy && original ? original.title : [word(), names[0], word(), word(), names[1], word(), word()].join(' ');
      const summary = copy && original ? original.summary : `${[word(), word(), names[0], word(), word(), word(), word(), word()].join(' ')}, ${killed + (r % 2)} people were killed, ${[word(), word(), word()].join(' ')}.`;
      const story: ClusterInput = { id: id++, title, summary, regions: [country], topics: [topic], places: [place], firstSeenAt: at, outlet: `outlet${Math.floor(random() * 400)}.com`, figures: extractFigures(summary) };
      original ??= story;
      stories.push(story);
    }
  }
  return stories;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** An engine whose window holds `window` stories spread over its whole span. */
function filledEngine(window: number, stories = window): { engine: ClusterEngine; perHour: number; end: number } {
  const engine = new ClusterEngine();
  const perHour = window / WINDOW_HOURS;
  const start = Date.UTC(2026, 0, 1);
  for (const story of generate(stories, 1, start, perHour, rng(FILL_SEED))) engine.add(story);
  return { engine, perHour, end: start + WINDOW_HOURS * HOUR };
}

interface Run {
  perSecond: number;
  candidatesPerStory: number;
  /** Stories in the window after the measured ones (old ones expired meanwhile). */
  inWindow: number;
  /** 1-minute load average just before the run. */
  loadBefore: number;
}

/** Fills the window, then times MEASURED more stories at the same rate. */
function run(window: number, measured = MEASURED): Run {
  gc?.();
  const loadBefore = os.loadavg()[0];
  const { engine, perHour, end } = filledEngine(window);
  const stories = generate(measured, MEASURED_FIRST_ID, end, perHour, rng(MEASURED_SEED));
  const before = engine.stats();
  const t0 = process.hrtime.bigint();
  for (const story of stories) engine.add(story);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = engine.stats();
  return { perSecond: measured / seconds, candidatesPerStory: (after.comparisons - before.comparisons) / measured, inWindow: after.activeStories, loadBefore };
}

function heapPer100k(): number {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const { engine } = filledEngine(100_000);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if (engine.stats().activeStories < 100_000) throw new Error('the window lost stories');
  return (after - before) / 1024 / 1024;
}

function main(): void {
  const m = machine();
  run(2_000, 5_000); // warm-up
  const small: Run[] = [];
  const large: Run[] = [];
  for (let i = 0; i < runCount(); i++) {
    small.push(run(10_000));
    large.push(run(100_000));
  }
  const heap = heapPer100k();
  const smallRate = runs(small.map((r) => r.perSecond));
  const largeRate = runs(large.map((r) => r.perSecond));
  // Each 100,000 run against the 10,000 run just before it: both saw about the same neighbours.
  const ratio = runs(large.map((r, i) => r.perSecond / small[i].perSecond));
  const percent = (r: Runs) => `${(r.median * 100).toFixed(0)}% (median; ${(r.min * 100).toFixed(0)}-${(r.max * 100).toFixed(0)}% over ${r.values.length} runs)`;
  const detail = (rs: Run[]) => `${rs[0].candidatesPerStory.toFixed(1)} candidates scored per story; ${number(rs[0].inWindow)} stories in the window at the end`;
  const loads = small.map((s, i) => `${s.loadBefore.toFixed(2)} / ${large[i].loadBefore.toFixed(2)}`).join(', ');
  publish(
    'clusters',
    'Clusters',
    '`npm run bench:clusters`: the cluster engine alone (no database), generated stories; see bench/clusters.bench.ts.',
    [
      machineLine(m, `1-minute load before each run (10,000 / 100,000): ${loads}.${gc ? '' : ' (run without --expose-gc: heap figure includes garbage)'}`),
      '',
      ...TABLE_HEAD,
      row(`joined/s, 10,000 in window (${number(MEASURED)} stories measured)`, `${describe(smallRate, 0, 'stories/s')}; ${detail(small)}`),
      row(`joined/s, 100,000 in window (${number(MEASURED)} stories measured)`, `${describe(largeRate, 0, 'stories/s')}; ${detail(large)}`, verdict(largeRate, RATE_TARGET, '5,000/s')),
      row('100,000 vs 10,000 (each pair of runs)', percent(ratio), verdict(ratio, RATIO_TARGET, '80% (within 20%)')),
      row('heap per 100,000 stories in the window', `${heap.toFixed(0)} MiB`),
    ],
  );
}

main();
