/**
 * Scores a tagger against a label file, as shared/spec/taxonomy.md describes: `regions` and
 * `topics` must be found; `*_ok` may be found without penalty (and earn nothing); anything else
 * found is a false positive. Micro-averaged over all stories, regions and topics apart.
 */
import type { StoryTags } from '@sentinel/shared';
import { parseJsonLines, readLabelledFile, score, type Score } from '../common/labelled-data';

export type { Score };

export interface LabelledStory {
  id: string;
  title: string;
  summary: string;
  regions: string[];
  regions_ok: string[];
  topics: string[];
  topics_ok: string[];
}

export class LabelFileError extends Error {
  readonly kind = 'label-file';
  constructor(message: string) {
    super(message);
    this.name = 'LabelFileError';
  }
}

export interface StoryError {
  id: string;
  title: string;
  missedRegions: string[];
  extraRegions: string[];
  missedTopics: string[];
  extraTopics: string[];
}

export interface EvaluationReport {
  stories: number;
  regions: Score;
  topics: Score;
  errors: StoryError[];
}

function strings(v: unknown, field: string, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new LabelFileError(`${where}: "${field}" must be an array of strings`);
  return v as string[];
}

/** Parses a JSONL label file; a malformed line stops with its line number. */
export function parseLabelFile(text: string, name = 'label file'): LabelledStory[] {
  return parseJsonLines(
    text,
    name,
    (obj, where): LabelledStory => {
      if (typeof obj.id !== 'string' || typeof obj.title !== 'string') throw new LabelFileError(`${where}: needs string "id" and "title"`);
      return {
        id: obj.id,
        title: obj.title,
        summary: typeof obj.summary === 'string' ? obj.summary : '',
        regions: strings(obj.regions, 'regions', where),
        regions_ok: strings(obj.regions_ok, 'regions_ok', where),
        topics: strings(obj.topics, 'topics', where),
        topics_ok: strings(obj.topics_ok, 'topics_ok', where),
      };
    },
    (message) => new LabelFileError(message),
  );
}

export function readLabelFile(file: string): LabelledStory[] {
  return readLabelledFile(file, parseLabelFile, (message) => new LabelFileError(message));
}

function compare(found: string[], required: string[], ok: string[]) {
  const foundSet = new Set(found);
  const tp = required.filter((r) => foundSet.has(r)).length;
  const missed = required.filter((r) => !foundSet.has(r));
  const extra = [...foundSet].filter((f) => !required.includes(f) && !ok.includes(f));
  return { tp, missed, extra };
}

export function evaluateTagging(stories: LabelledStory[], tag: (story: { title: string; summary: string }) => Pick<StoryTags, 'regions' | 'topics'>): EvaluationReport {
  const r = { tp: 0, fp: 0, fn: 0 };
  const t = { tp: 0, fp: 0, fn: 0 };
  const errors: StoryError[] = [];
  for (const s of stories) {
    const tags = tag({ title: s.title, summary: s.summary });
    const rc = compare(tags.regions, s.regions, s.regions_ok);
    const tc = compare(tags.topics, s.topics, s.topics_ok);
    r.tp += rc.tp;
    r.fp += rc.extra.length;
    r.fn += rc.missed.length;
    t.tp += tc.tp;
    t.fp += tc.extra.length;
    t.fn += tc.missed.length;
    if (rc.missed.length || rc.extra.length || tc.missed.length || tc.extra.length) {
      errors.push({ id: s.id, title: s.title, missedRegions: rc.missed, extraRegions: rc.extra, missedTopics: tc.missed, extraTopics: tc.extra });
    }
  }
  return { stories: stories.length, regions: score(r.tp, r.fp, r.fn), topics: score(t.tp, t.fp, t.fn), errors };
}

export function formatReport(report: EvaluationReport, showErrors: boolean): string[] {
  const lines: string[] = [];
  if (showErrors) {
    for (const e of report.errors) {
      const parts: string[] = [];
      if (e.missedRegions.length) parts.push(`missed regions ${e.missedRegions.join(',')}`);
      if (e.extraRegions.length) parts.push(`extra regions ${e.extraRegions.join(',')}`);
      if (e.missedTopics.length) parts.push(`missed topics ${e.missedTopics.join(',')}`);
      if (e.extraTopics.length) parts.push(`extra topics ${e.extraTopics.join(',')}`);
      lines.push(`${e.id}: ${parts.join('; ')} — ${e.title}`);
    }
    lines.push('');
  }
  const fmt = (name: string, s: Score) =>
    `${name}: precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (found ${s.tp}, wrong ${s.fp}, missed ${s.fn})`;
  lines.push(`stories: ${report.stories}`);
  lines.push(fmt('regions', report.regions));
  lines.push(fmt('topics', report.topics));
  lines.push(`regions F1 ${report.regions.f1.toFixed(3)}; topics F1 ${report.topics.f1.toFixed(3)}`);
  return lines;
}
