import corpusJson from './corpus.json';
import { FeedSimulatorError } from './simulator-error';

export type CorpusLanguage = 'en' | 'ar' | 'fr';

/**
 * One story the simulator can publish. `region` is optional so a hand-written test corpus can
 * leave it out; the bundled corpus sets it, and feeds use it to stay on their beat.
 */
export interface CorpusItem {
  readonly lang: CorpusLanguage;
  readonly title: string;
  readonly summary: string;
  readonly topic: string;
  readonly region?: string;
}

const LANGUAGES: readonly string[] = ['en', 'ar', 'fr'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireText(entry: Record<string, unknown>, field: string, index: number): string {
  const value = entry[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new FeedSimulatorError('invalid-corpus', `Corpus item ${index} needs a non-empty "${field}" string`);
  }
  return value;
}

/** Checks a corpus read from JSON (or passed by a test) and returns it typed. */
export function parseCorpus(value: unknown): CorpusItem[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new FeedSimulatorError('invalid-corpus', 'The corpus must be a non-empty array of items');
  }
  return value.map((entry: unknown, index): CorpusItem => {
    if (!isRecord(entry)) throw new FeedSimulatorError('invalid-corpus', `Corpus item ${index} is not an object`);
    const lang = requireText(entry, 'lang', index);
    if (!LANGUAGES.includes(lang)) {
      throw new FeedSimulatorError('invalid-corpus', `Corpus item ${index} has lang "${lang}"; expected en, ar or fr`);
    }
    const item: CorpusItem = {
      lang: lang as CorpusLanguage,
      title: requireText(entry, 'title', index),
      summary: requireText(entry, 'summary', index),
      topic: requireText(entry, 'topic', index),
    };
    return entry['region'] === undefined ? item : { ...item, region: requireText(entry, 'region', index) };
  });
}

let bundled: readonly CorpusItem[] | undefined;

/** The bundled corpus (server/demo/corpus.json), parsed once. */
export function loadDemoCorpus(): readonly CorpusItem[] {
  bundled ??= Object.freeze(parseCorpus(corpusJson));
  return bundled;
}
