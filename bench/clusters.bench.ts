/**
 * npm run bench:clusters — stories joined per second by the cluster engine with 10,000 and
 * 100,000 stories in its window (target: 5,000/s or more at 100,000, within 20% of the 10,000
 * figure), and heap per 100,000 stories. Stories are generated: events of one to six reports
 * from different outlets in 40 countries and 12 topics, titles and summaries drawn from a
 * vocabulary of 6,000 words plus the event's own names and figures, some wire copies. The
 * figures are written into the generated section of bench/README.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClusterEngine, type ClusterInput } from '../server/src/clusters/engine/cluster-engine';
import { extractFigures } from '../server/src/clusters/figures';

const MEASURED = 20_000;
const HOUR = 3600_000;

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

interface Run {
  window: number;
  perSecond: number;
  comparisonsPerAdd: number;
}

/** Fills the window with `window` stories over two days, then times MEASURED more. */
function run(window: number): Run {
  const random = rng(window);
  const engine = new ClusterEngine();
  const perHour = window / 48;
  const start = Date.UTC(2026, 0, 1);
  for (const story of generate(window, 1, start, perHour, random)) engine.add(story);
  // The measured stories arrive at the same rate, so the window keeps about `window` stories.
  const measured = generate(MEASURED, window + 1, start + 48 * HOUR, perHour, random);
  const before = engine.stats();
  const t0 = process.hrtime.bigint();
  for (const story of measured) engine.add(story);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = engine.stats();
  return { window, perSecond: MEASURED / seconds, comparisonsPerAdd: (after.comparisons - before.comparisons) / MEASURED };
}

function heapPer100k(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const engine = new ClusterEngine();
  for (const story of generate(100_000, 1, Date.UTC(2026, 0, 1), 100_000 / 48, rng(7))) engine.add(story);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if (engine.stats().activeStories < 100_000) throw new Error('the window lost stories');
  return (after - before) / 1024 / 1024;
}

function main(): void {
  run(2_000); // warm-up
  const small = run(10_000);
  const large = run(100_000);
  const heap = heapPer100k();
  const ratio = large.perSecond / small.perSecond;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = [
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.versions.node}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} at the end.${(globalThis as { gc?: unknown }).gc ? '' : ' (run without --expose-gc: heap figure includes garbage)'}`,
    '',
    '| figure | result | target |',
    '| --- | --- | --- |',
    `| joined/s, 10,000 in window | ${fmt(small.perSecond)} stories/s (${small.comparisonsPerAdd.toFixed(1)} candidates scored per story) | — |`,
    `| joined/s, 100,000 in window | ${fmt(large.perSecond)} stories/s (${large.comparisonsPerAdd.toFixed(1)} candidates scored per story) | >= 5,000/s: ${large.perSecond >= 5000 ? 'met' : 'not met'} |`,
    `| 100,000 vs 10,000 | ${(ratio * 100).toFixed(0)}% | within 20%: ${ratio >= 0.8 ? 'met' : 'not met'} |`,
    `| heap per 100,000 stories in the window | ${heap.toFixed(0)} MiB | — |`,
  ];
  console.log(lines.join('\n'));
  const readme = path.resolve(__dirname, 'README.md');
  const begin = '<!-- bench:clusters begin (generated by npm run bench:clusters) -->';
  const end = '<!-- bench:clusters end -->';
  const section = `${begin}\n${lines.join('\n')}\n${end}`;
  let text = fs.readFileSync(readme, 'utf8');
  const from = text.indexOf(begin);
  const to = text.indexOf(end, from);
  // Replaced as text: the markers contain characters a regular expression would read as syntax.
  if (from >= 0 && to > from) text = text.slice(0, from) + section + text.slice(to + end.length);
  else text += `\n## Clusters\n\n\`npm run bench:clusters\`: the cluster engine alone (no database), generated stories; see bench/clusters.bench.ts.\n\n${section}\n`;
  fs.writeFileSync(readme, text);
}

main();
