import * as fs from 'node:fs';

/**
 * What the evaluations of labelled data (tagging, clusters) share: precision, recall and F1 from
 * counts, and reading a labelled JSONL file with errors that name the file and line.
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

/**
 * Parses JSONL: each non-empty line an object, handed to `parseLine` with where it stands
 * ("<name> line 3") for its own messages; a line that is not JSON stops with `makeError`'s error.
 */
export function parseJsonLines<T>(text: string, name: string, parseLine: (obj: Record<string, unknown>, where: string) => T, makeError: (message: string) => Error): T[] {
  const out: T[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${name} line ${i + 1}`;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw makeError(`${where}: not valid JSON (${(err as Error).message})`);
    }
    out.push(parseLine(obj, where));
  });
  return out;
}
