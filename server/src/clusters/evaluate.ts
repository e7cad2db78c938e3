/**
 * Scores event clustering against a labelled set (test/clusters/*.jsonl): each story carries the
 * event it belongs to, its outlet, the story it is a syndicated copy of, and the figures it gives.
 *
 * Stories go through `describe` (tags and figures, as ingest produces them) and into a fresh
 * engine in firstSeenAt order, then the engine's events are compared with the labels:
 * - pairwise precision, recall and F1 over all story pairs, and over pairs in two languages;
 * - the same for a naive baseline (title-word Jaccard >= 0.4, single link, within 3 days), the
 *   method peers use, so the figures say what the engine adds;
 * - outlet counts per labelled event (outletOf on the feed URL vs the labelled outlets);
 * - copies (the engine's copyOf vs the label's; pointing at another copy of the same original
 *   counts as right, since the text is the same);
 * - figure conflicts: labelled events whose sources disagree on a quantity, and whether the
 *   extracted figures show the same disagreement (per labelled event, so that clustering errors
 *   do not blur the extractor's score).
 * Pure: the tagger, figure extractor, outlet rule and engine come in through `ClusterEvaluationDeps`.
 *
 * Engine thresholds may be tuned on test/clusters/dev.jsonl only; test/clusters/holdout.jsonl
 * (other events, split by event) is there to check that the tuning generalises.
 */
import { searchTokens } from '@sentinel/shared';
import type { ClusterAssignment, ClusterInput } from './engine/cluster-engine';
import type { Figure, FigureKind } from './figures';
import { parseJsonLines, readLabelledFile, score, type Score } from '../common/labelled-data';

export type { Score };

export interface LabelledClusterStory {
  id: number;
  /** The event label: stories with the same label are one event. */
  event: string;
  lang: string;
  outlet: string;
  feedUrl: string;
  title: string;
  summary: string;
  /** Epoch milliseconds. */
  firstSeenAt: number;
  copyOf: number | null;
  figures: Figure[];
}

export class ClusterLabelFileError extends Error {
  readonly kind = 'cluster-label-file';
  constructor(message: string) {
    super(message);
    this.name = 'ClusterLabelFileError';
  }
}

const FIGURE_KINDS: readonly FigureKind[] = ['killed', 'wounded', 'escaped', 'detained', 'displaced', 'transferred'];

function parseFigures(v: unknown, where: string): Figure[] {
  if (!Array.isArray(v)) throw new ClusterLabelFileError(`${where}: "figures" must be an array`);
  return v.map((f: unknown) => {
    const fig = f as Record<string, unknown>;
    if (typeof fig !== 'object' || fig === null || !FIGURE_KINDS.includes(fig.what as FigureKind) || typeof fig.value !== 'number') {
      throw new ClusterLabelFileError(`${where}: each figure needs "what" (${FIGURE_KINDS.join('|')}) and a numeric "value"`);
    }
    return { what: fig.what as FigureKind, value: fig.value, text: typeof fig.text === 'string' ? fig.text : '' };
  });
}

/** Parses a JSONL cluster label file; a malformed line stops with its line number. */
export function parseClusterLabelFile(text: string, name = 'label file'): LabelledClusterStory[] {
  const out = parseJsonLines(
    text,
    name,
    (obj, where): LabelledClusterStory => {
      for (const field of ['event', 'lang', 'outlet', 'feedUrl', 'title', 'summary', 'firstSeenAt']) {
        if (typeof obj[field] !== 'string') throw new ClusterLabelFileError(`${where}: needs string "${field}"`);
      }
      if (typeof obj.id !== 'number' || !Number.isInteger(obj.id)) throw new ClusterLabelFileError(`${where}: needs integer "id"`);
      if (obj.copyOf !== null && typeof obj.copyOf !== 'number') throw new ClusterLabelFileError(`${where}: "copyOf" must be a story id or null`);
      const at = Date.parse(obj.firstSeenAt as string);
      if (Number.isNaN(at)) throw new ClusterLabelFileError(`${where}: "firstSeenAt" is not an ISO time`);
      return {
        id: obj.id,
        event: obj.event as string,
        lang: obj.lang as string,
        outlet: obj.outlet as string,
        feedUrl: obj.feedUrl as string,
        title: obj.title as string,
        summary: obj.summary as string,
        firstSeenAt: at,
        copyOf: obj.copyOf as number | null,
        figures: parseFigures(obj.figures, where),
      };
    },
    (message) => new ClusterLabelFileError(message),
  );
  const ids = new Set<number>();
  for (const s of out) {
    if (ids.has(s.id)) throw new ClusterLabelFileError(`${name}: story id ${s.id} appears twice`);
    ids.add(s.id);
  }
  for (const s of out) {
    if (s.copyOf !== null && !ids.has(s.copyOf)) throw new ClusterLabelFileError(`${name}: story ${s.id} is a copy of unknown story ${s.copyOf}`);
  }
  return out;
}

export function readClusterLabelFile(file: string): LabelledClusterStory[] {
  return readLabelledFile(file, parseClusterLabelFile, (message) => new ClusterLabelFileError(message));
}

/** What the evaluation needs from the rest of the module; the CLI passes the real ones. */
export interface ClusterEvaluationDeps {
  /** Tags and figures of a story, as ingest gives them to the engine. */
  describe(story: { title: string; summary: string }): Pick<ClusterInput, 'regions' | 'topics' | 'places' | 'figures'>;
  outletOf(url: string): string;
  /** A fresh, empty engine. */
  newEngine(): { add(story: ClusterInput): ClusterAssignment };
}

export interface PairScores {
  all: Score;
  crossLingual: Score;
}

export interface PairError {
  kind: 'joined' | 'split';
  a: LabelledClusterStory;
  b: LabelledClusterStory;
}

export interface OutletCountError {
  event: string;
  expected: string[];
  found: string[];
}

export interface CopyError {
  id: number;
  title: string;
  expected: number | null;
  found: number | null;
}

export interface FigureError {
  id: number;
  title: string;
  /** "what:value" keys. */
  missed: string[];
  extra: string[];
}

export interface FigureConflictResult {
  event: string;
  what: FigureKind;
  /** The distinct labelled values (empty when the disagreement is only in the extracted figures). */
  labelled: number[];
  extracted: number[];
}

export interface ClusterEvaluationReport {
  stories: number;
  events: number;
  clusters: number;
  languages: Record<string, number>;
  pairs: PairScores;
  baseline: PairScores & { clusters: number };
  pairErrors: PairError[];
  outlets: { events: number; correct: number; accuracy: number; feedCountCorrect: number; errors: OutletCountError[] };
  copies: Score & { errors: CopyError[] };
  conflicts: Score & { found: FigureConflictResult[]; missed: FigureConflictResult[]; spurious: FigureConflictResult[] };
  /** Per story, labelled (what, value) pairs against extracted ones. */
  figures: Score & { errors: FigureError[] };
}

/** The baseline: what World Monitor-style clustering does. */
export const BASELINE_JACCARD = 0.4;
export const BASELINE_WINDOW_MS = 3 * 24 * 3600_000;

/** Pairwise scores of a clustering (story id → cluster id) against the labelled events. */
export function scorePairs(stories: readonly LabelledClusterStory[], clusterOf: ReadonlyMap<number, number>, errors?: PairError[]): PairScores {
  const all = { tp: 0, fp: 0, fn: 0 };
  const cross = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < stories.length; i++) {
    for (let j = i + 1; j < stories.length; j++) {
      const a = stories[i];
      const b = stories[j];
      const same = a.event === b.event;
      const together = clusterOf.get(a.id) === clusterOf.get(b.id);
      if (!same && !together) continue;
      const key = same && together ? 'tp' : together ? 'fp' : 'fn';
      all[key]++;
      if (a.lang !== b.lang) cross[key]++;
      if (errors && key !== 'tp') errors.push({ kind: key === 'fp' ? 'joined' : 'split', a, b });
    }
  }
  return { all: score(all.tp, all.fp, all.fn), crossLingual: score(cross.tp, cross.fp, cross.fn) };
}

function inTimeOrder(stories: readonly LabelledClusterStory[]): LabelledClusterStory[] {
  return [...stories].sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.id - b.id);
}

function titleWords(title: string): Set<string> {
  return new Set(searchTokens(title));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** The naive baseline: single link between stories within 3 days whose title words have Jaccard >= 0.4. */
export function baselineClusters(stories: readonly LabelledClusterStory[]): Map<number, number> {
  const ordered = inTimeOrder(stories);
  const words = ordered.map((s) => titleWords(s.title));
  const parent = ordered.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length && ordered[j].firstSeenAt - ordered[i].firstSeenAt <= BASELINE_WINDOW_MS; j++) {
      if (jaccard(words[i], words[j]) >= BASELINE_JACCARD) parent[root(j)] = root(i);
    }
  }
  return new Map(ordered.map((s, i) => [s.id, root(i)]));
}

function distinctSorted<T>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}

function groupByEvent(stories: readonly LabelledClusterStory[]): Map<string, LabelledClusterStory[]> {
  const events = new Map<string, LabelledClusterStory[]>();
  for (const s of stories) {
    const list = events.get(s.event);
    if (list) list.push(s);
    else events.set(s.event, [s]);
  }
  return events;
}

function scoreOutlets(events: Map<string, LabelledClusterStory[]>, outletOf: (url: string) => string): ClusterEvaluationReport['outlets'] {
  const errors: OutletCountError[] = [];
  let feedCountCorrect = 0;
  for (const [event, list] of events) {
    const expected = distinctSorted(list.map((s) => s.outlet));
    const found = distinctSorted(list.map((s) => outletOf(s.feedUrl)));
    if (new Set(list.map((s) => s.feedUrl)).size === expected.length) feedCountCorrect++;
    if (expected.join(' ') !== found.join(' ')) errors.push({ event, expected, found });
  }
  const correct = events.size - errors.length;
  return { events: events.size, correct, accuracy: events.size === 0 ? 1 : correct / events.size, feedCountCorrect, errors };
}

/** Copy families: a story and every copy of it (and copies of copies) share one root. */
function copyRoots(stories: readonly LabelledClusterStory[]): Map<number, number> {
  const copyOf = new Map(stories.map((s) => [s.id, s.copyOf]));
  const rootOf = new Map<number, number>();
  for (const s of stories) {
    let id = s.id;
    const seen = new Set<number>();
    while (copyOf.get(id) != null && !seen.has(id)) {
      seen.add(id);
      id = copyOf.get(id)!;
    }
    rootOf.set(s.id, id);
  }
  return rootOf;
}

function scoreCopies(stories: readonly LabelledClusterStory[], found: ReadonlyMap<number, number | null>): ClusterEvaluationReport['copies'] {
  const rootOf = copyRoots(stories);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: CopyError[] = [];
  for (const s of stories) {
    const guess = found.get(s.id) ?? null;
    const right = guess !== null && s.copyOf !== null && rootOf.get(guess) === rootOf.get(s.id);
    if (right) tp++;
    else {
      if (guess !== null) fp++;
      if (s.copyOf !== null) fn++;
      if (guess !== null || s.copyOf !== null) errors.push({ id: s.id, title: s.title, expected: s.copyOf, found: guess });
    }
  }
  return { ...score(tp, fp, fn), errors };
}

/** (what → distinct values) where an event's stories disagree. */
function disagreements(list: readonly LabelledClusterStory[], figuresOf: (s: LabelledClusterStory) => readonly Figure[]): Map<FigureKind, number[]> {
  const values = new Map<FigureKind, Set<number>>();
  for (const s of list) {
    for (const f of figuresOf(s)) {
      const set = values.get(f.what) ?? new Set<number>();
      set.add(f.value);
      values.set(f.what, set);
    }
  }
  const out = new Map<FigureKind, number[]>();
  for (const [what, set] of values) if (set.size > 1) out.set(what, [...set].sort((a, b) => a - b));
  return out;
}

function scoreConflicts(events: Map<string, LabelledClusterStory[]>, extracted: ReadonlyMap<number, readonly Figure[]>): ClusterEvaluationReport['conflicts'] {
  const found: FigureConflictResult[] = [];
  const missed: FigureConflictResult[] = [];
  const spurious: FigureConflictResult[] = [];
  for (const [event, list] of events) {
    const labelled = disagreements(list, (s) => s.figures);
    const seen = disagreements(list, (s) => extracted.get(s.id) ?? []);
    for (const [what, values] of labelled) (seen.has(what) ? found : missed).push({ event, what, labelled: values, extracted: seen.get(what) ?? [] });
    for (const [what, values] of seen) if (!labelled.has(what)) spurious.push({ event, what, labelled: [], extracted: values });
  }
  return { ...score(found.length, spurious.length, missed.length), found, missed, spurious };
}

function scoreFigures(stories: readonly LabelledClusterStory[], extracted: ReadonlyMap<number, readonly Figure[]>): ClusterEvaluationReport['figures'] {
  let tp = 0;
  const errors: FigureError[] = [];
  for (const s of stories) {
    const expected = new Set(s.figures.map((f) => `${f.what}:${f.value}`));
    const got = new Set((extracted.get(s.id) ?? []).map((f) => `${f.what}:${f.value}`));
    const extra = [...got].filter((k) => !expected.has(k));
    const missed = [...expected].filter((k) => !got.has(k));
    tp += got.size - extra.length;
    if (extra.length || missed.length) errors.push({ id: s.id, title: s.title, missed, extra });
  }
  const fp = errors.reduce((n, e) => n + e.extra.length, 0);
  const fn = errors.reduce((n, e) => n + e.missed.length, 0);
  return { ...score(tp, fp, fn), errors };
}

export function evaluateClusters(stories: readonly LabelledClusterStory[], deps: ClusterEvaluationDeps): ClusterEvaluationReport {
  const engine = deps.newEngine();
  const clusterOf = new Map<number, number>();
  const copyOf = new Map<number, number | null>();
  const extracted = new Map<number, readonly Figure[]>();
  for (const s of inTimeOrder(stories)) {
    const described = deps.describe({ title: s.title, summary: s.summary });
    extracted.set(s.id, described.figures);
    const assignment = engine.add({ id: s.id, title: s.title, summary: s.summary, firstSeenAt: s.firstSeenAt, outlet: deps.outletOf(s.feedUrl), ...described });
    clusterOf.set(s.id, assignment.clusterId);
    copyOf.set(s.id, assignment.copyOf);
  }
  const events = groupByEvent(stories);
  const pairErrors: PairError[] = [];
  const baseline = baselineClusters(stories);
  const languages: Record<string, number> = {};
  for (const s of stories) languages[s.lang] = (languages[s.lang] ?? 0) + 1;
  return {
    stories: stories.length,
    events: events.size,
    clusters: new Set(clusterOf.values()).size,
    languages,
    pairs: scorePairs(stories, clusterOf, pairErrors),
    baseline: { ...scorePairs(stories, baseline), clusters: new Set(baseline.values()).size },
    pairErrors,
    outlets: scoreOutlets(events, deps.outletOf),
    copies: scoreCopies(stories, copyOf),
    conflicts: scoreConflicts(events, extracted),
    figures: scoreFigures(stories, extracted),
  };
}

const fmt = (s: Score) => `precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`;

function conflictLine(c: FigureConflictResult): string {
  return `${c.event} ${c.what}: labelled ${c.labelled.join('/') || '-'}, extracted ${c.extracted.join('/') || '-'}`;
}

export function formatClusterReport(report: ClusterEvaluationReport, showErrors: boolean): string[] {
  const lines: string[] = [];
  if (showErrors) {
    const short = (s: LabelledClusterStory) => `${s.id} [${s.lang}] ${s.title.length > 60 ? `${s.title.slice(0, 57)}...` : s.title}`;
    for (const e of report.pairErrors.filter((p) => p.kind === 'joined')) lines.push(`joined wrongly: ${short(e.a)} (${e.a.event}) + ${short(e.b)} (${e.b.event})`);
    for (const e of report.pairErrors.filter((p) => p.kind === 'split')) lines.push(`split wrongly (${e.a.event}): ${short(e.a)} | ${short(e.b)}`);
    for (const e of report.outlets.errors) lines.push(`outlets of ${e.event}: expected ${e.expected.join(', ')}; found ${e.found.join(', ')}`);
    for (const e of report.copies.errors) lines.push(`copy ${e.id}: expected copyOf ${e.expected ?? 'null'}, found ${e.found ?? 'null'} — ${e.title}`);
    for (const c of report.conflicts.missed) lines.push(`conflict missed: ${conflictLine(c)}`);
    for (const c of report.conflicts.spurious) lines.push(`conflict spurious: ${conflictLine(c)}`);
    for (const e of report.figures.errors) lines.push(`figures of ${e.id}: missed ${e.missed.join(', ') || '-'}; extra ${e.extra.join(', ') || '-'} — ${e.title}`);
    lines.push('');
  }
  const langs = Object.entries(report.languages)
    .sort()
    .map(([l, n]) => `${l} ${n}`)
    .join(', ');
  lines.push(`stories: ${report.stories} (${langs}); events: ${report.events}; engine clusters: ${report.clusters}; baseline clusters: ${report.baseline.clusters}`);
  lines.push(`pairs: ${fmt(report.pairs.all)} (right ${report.pairs.all.tp}, wrongly joined ${report.pairs.all.fp}, wrongly split ${report.pairs.all.fn})`);
  lines.push(`cross-lingual pairs: ${fmt(report.pairs.crossLingual)} (right ${report.pairs.crossLingual.tp}, wrongly joined ${report.pairs.crossLingual.fp}, wrongly split ${report.pairs.crossLingual.fn})`);
  lines.push(`baseline (title-word Jaccard >= ${BASELINE_JACCARD}, single link, ${BASELINE_WINDOW_MS / 86_400_000} days): pairs ${fmt(report.baseline.all)}; cross-lingual F1 ${report.baseline.crossLingual.f1.toFixed(3)}`);
  lines.push(`outlet count: right for ${report.outlets.correct} of ${report.outlets.events} events (accuracy ${report.outlets.accuracy.toFixed(3)}; counting feeds would be right for ${report.outlets.feedCountCorrect})`);
  lines.push(`copies: ${fmt(report.copies)} (found ${report.copies.tp}, wrong ${report.copies.fp}, missed ${report.copies.fn})`);
  lines.push(`conflicts: ${report.conflicts.tp} of ${report.conflicts.tp + report.conflicts.fn} labelled disagreements found by extraction, ${report.conflicts.fp} spurious (${fmt(report.conflicts)})`);
  for (const c of report.conflicts.found) lines.push(`  found ${conflictLine(c)}`);
  lines.push(`figures per story: ${fmt(report.figures)} (found ${report.figures.tp}, wrong ${report.figures.fp}, missed ${report.figures.fn})`);
  lines.push(`pairwise F1 ${report.pairs.all.f1.toFixed(3)}; cross-lingual F1 ${report.pairs.crossLingual.f1.toFixed(3)}; baseline F1 ${report.baseline.all.f1.toFixed(3)}`);
  return lines;
}
