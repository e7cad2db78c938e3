import * as fs from 'node:fs';

/**
 * What the evaluations of labelled data (tagging, clusters) share: precision, recall and F1 from
 * counts, and reading a labelled file with an error that names it.
 */
export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Nothing found and nothing expected scores 1 (there was nothing to get wrong). */
export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Reads a labelled file and parses it, turning an unreadable file into `makeError`'s error. */
export function readLabelledFile<T>(file: string, parse: (text: string, name: string) => T, makeError: (message: string) => Error): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw makeError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parse(text, file);
}
