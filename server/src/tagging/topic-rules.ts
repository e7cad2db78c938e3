/**
 * Parser for the operator-editable topic rule file (format in ./README.md).
 *
 * Every phrase is expanded into plain token sequences at parse time (alternatives and regular
 * inflections), so matching is a trie walk and no regular expression is ever built from the
 * file's contents.
 */
import { normTokens } from './text';

export interface RuleTermList {
  /** Indexes into TopicRuleSet.terms. */
  terms: number[];
  termSet: ReadonlySet<number>;
  source: string;
}

export interface TopicRule {
  topic: string;
  weight: number;
  /** Token sequences the phrase expands to. */
  sequences: string[][];
  phrase: string;
  near: { window: number; list: RuleTermList }[];
  notNear: { window: number; list: RuleTermList }[];
  withAny: RuleTermList[];
  without: RuleTermList[];
  line: number;
  /** The rule line as written, for evidence. */
  text: string;
}

export interface TopicSection {
  id: string;
  threshold: number;
  line: number;
}

export interface TopicRuleSet {
  topics: TopicSection[];
  rules: TopicRule[];
  /** Context terms referenced by near / not near / with / without, each a set of token sequences. */
  terms: string[][][];
}

export interface RuleError {
  line: number;
  message: string;
}

export type ParseResult = { ok: true; rules: TopicRuleSet } | { ok: false; errors: RuleError[] };

export const DEFAULT_THRESHOLD = 3;
const MAX_WINDOW = 50;
const MAX_WORDS = 8;
const TOPIC_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const DEFINE_NAME = /^@[a-z][a-z0-9-]*$/;

class LineError extends Error {}

/**
 * What "word*" stands for: the word plus common English and French endings (-s, -es, -ed,
 * -ing, -er, -or, -ion, -ation, -ment, -al, -ee, -age and their plurals), with the usual
 * spelling changes (drop a final e, y to i, double a final consonant). Forms that are not real
 * words cost nothing: they never occur in text. Write the base word ("negotiate*" gives
 * negotiated, negotiation, negotiators), not a truncated stem.
 */
const ENDINGS = ['s', 'es', 'ed', 'ing', 'ings', 'er', 'ers', 'or', 'ors', 'ion', 'ions', 'ation', 'ations', 'ment', 'ments', 'al', 'ee', 'ees', 'e', 'age', 'ement', 'ements'];
const VOWELS = 'aeiou';

export function inflections(word: string): string[] {
  const forms = new Set<string>([word]);
  const last = word[word.length - 1];
  const beforeLast = word[word.length - 2] ?? '';
  const third = word[word.length - 3] ?? '';
  const stems = [word];
  if (last === 'e' && !word.endsWith('ee')) stems.push(word.slice(0, -1));
  if (last === 'y' && !VOWELS.includes(beforeLast)) stems.push(`${word.slice(0, -1)}i`);
  // Consonant-vowel-consonant endings double the consonant: kidnap -> kidnapped, swap -> swapped.
  if (word.length >= 3 && !VOWELS.includes(last) && !'wxy'.includes(last) && VOWELS.includes(beforeLast) && !VOWELS.includes(third)) {
    stems.push(`${word}${last}`);
  }
  for (const stem of stems) for (const e of ENDINGS) forms.add(stem + e);
  if (last === 'e') {
    forms.add(`${word}s`);
    forms.add(`${word}d`);
    forms.add(`${word}r`);
    forms.add(`${word}rs`);
    forms.add(`${word}ment`);
    forms.add(`${word}ments`);
  }
  return [...forms];
}

/**
 * How far a file may expand. Alternatives multiply ("a|b|c d|e|f" is nine forms), so a few
 * short lines could otherwise stand for tens of millions of phrases: the forms are counted
 * before any is built, and a phrase, a line (its phrase plus the new terms of its clauses) or
 * the whole file that would pass its bound is refused. The shipped file expands to about a
 * quarter of the file bound.
 */
export const MAX_PHRASE_FORMS = 5_000;
export const MAX_LINE_FORMS = 10_000;
export const MAX_FILE_FORMS = 100_000;

/** Thrown when the file as a whole passes MAX_FILE_FORMS: the rest of the file is not read. */
class FileLimitError extends LineError {}

/** A piece of the rule file in an error message, shortened so the message stays readable. */
function quote(text: string): string {
  const t = text.trim();
  return `"${t.length > 60 ? `${t.slice(0, 57)}...` : t}"`;
}

/** One word of a phrase: its alternatives, each a token sequence (a starred one inflected). */
type WordOptions = string[][];

/**
 * Reads "air strike*|airstrike*" style phrases into words and their alternatives, and counts
 * the token sequences they expand to without building them. Words are separated by spaces;
 * "a|b" offers alternatives for one word; "word*" adds its common endings (see inflections);
 * " | " with spaces separates whole phrases. Counting stops as soon as it passes `limit`, so a
 * phrase that multiplies out of bounds costs no more than the bound to refuse.
 */
function planPhrase(phrase: string, limit: number): { parts: WordOptions[][]; forms: number } {
  const parts: WordOptions[][] = [];
  let forms = 0;
  for (const part of phrase.split(/\s\|\s/)) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) throw new LineError('empty phrase');
    if (words.length > MAX_WORDS) throw new LineError(`phrase ${quote(part)} has more than ${MAX_WORDS} words`);
    const planned: WordOptions[] = [];
    let product = 1;
    for (const w of words) {
      const options = wordOptions(w, limit);
      product *= options.length;
      if (product > limit) return { parts, forms: limit + 1 };
      planned.push(options);
    }
    forms += product;
    if (forms > limit) return { parts, forms: limit + 1 };
    parts.push(planned);
  }
  return { parts, forms };
}

/** A word's alternatives; stops past `limit` of them (the caller refuses the phrase then). */
function wordOptions(w: string, limit: number): WordOptions {
  const options: WordOptions = [];
  for (const alt of w.split('|')) {
    if (alt === '') throw new LineError(`empty alternative in ${quote(w)}`);
    const star = alt.endsWith('*');
    const bare = star ? alt.slice(0, -1) : alt;
    if (bare.includes('*')) throw new LineError(`"*" may only end a word, in ${quote(alt)}`);
    if (!/^[\p{L}\p{M}\p{N}'’\-.]+$/u.test(bare)) throw new LineError(`${quote(alt)} has characters other than letters, digits, apostrophes, hyphens and dots`);
    const toks = normTokens(bare);
    if (toks.length === 0) throw new LineError(`${quote(alt)} has no letters`);
    if (star) {
      // Inflect the last token of a hyphenated word ("counter-attack*").
      const head = toks.slice(0, -1);
      for (const form of inflections(toks[toks.length - 1])) options.push([...head, form]);
    } else {
      options.push(toks);
    }
    if (options.length > limit) break;
  }
  return options;
}

/** The token sequences of a planned phrase: every combination of its words' alternatives. */
function expandPlan(parts: WordOptions[][]): string[][] {
  const all: string[][] = [];
  for (const words of parts) {
    let sequences: string[][] = [[]];
    for (const options of words) {
      const next: string[][] = [];
      for (const s of sequences) for (const o of options) next.push([...s, ...o]);
      sequences = next;
    }
    all.push(...sequences);
  }
  return all;
}

/** Counts what each line and the whole file expand to, and refuses what passes the bounds. */
class FormBudget {
  private line = 0;
  private file = 0;

  startLine(): void {
    this.line = 0;
  }

  expand(phrase: string): string[][] {
    const lineLeft = MAX_LINE_FORMS - this.line;
    const fileLeft = MAX_FILE_FORMS - this.file;
    const limit = Math.min(MAX_PHRASE_FORMS, lineLeft, fileLeft);
    const { parts, forms } = planPhrase(phrase, limit);
    if (forms > limit) {
      if (limit === MAX_PHRASE_FORMS) {
        throw new LineError(`phrase ${quote(phrase)} expands to more than ${MAX_PHRASE_FORMS} forms; use fewer alternatives or "*" endings`);
      }
      if (limit === lineLeft) {
        throw new LineError(`this line expands to more than ${MAX_LINE_FORMS} forms in all (its phrase and the terms of its clauses); split it or use fewer alternatives`);
      }
      throw new FileLimitError(
        `the file expands to more than ${MAX_FILE_FORMS} forms in all by this line; use fewer alternatives and "*" endings (the rest of the file was not checked)`,
      );
    }
    this.line += forms;
    this.file += forms;
    return expandPlan(parts);
  }
}

export function parseTopicRules(text: string): ParseResult {
  const errors: RuleError[] = [];
  const topics: TopicSection[] = [];
  const rules: TopicRule[] = [];
  const terms: string[][][] = [];
  const termIndex = new Map<string, number>();
  const defines = new Map<string, number[]>();
  const budget = new FormBudget();
  let current: TopicSection | undefined;

  const termId = (phrase: string): number => {
    const key = phrase.trim().toLowerCase();
    const known = termIndex.get(key);
    if (known !== undefined) return known;
    const id = terms.length;
    terms.push(budget.expand(phrase));
    termIndex.set(key, id);
    return id;
  };

  const termList = (src: string): RuleTermList => {
    const ids: number[] = [];
    for (const raw of src.split(',')) {
      const item = raw.trim();
      if (!item) throw new LineError(`empty item in list "${src.trim()}"`);
      if (item.startsWith('@')) {
        const def = defines.get(item);
        if (!def) throw new LineError(`unknown list ${item} (define it above with "define ${item}: ...")`);
        ids.push(...def);
      } else {
        ids.push(termId(item));
      }
    }
    const unique = [...new Set(ids)];
    return { terms: unique, termSet: new Set(unique), source: src.trim() };
  };

  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const lineNo = n + 1;
    const raw = lines[n];
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!content) continue;
    budget.startLine();
    try {
      const first = content.split(/\s+/)[0];
      if (first === 'define') {
        const m = /^define\s+(\S+)\s*:\s*(.*)$/.exec(content);
        if (!m) throw new LineError('expected "define @name: term, term, ..."');
        const [, name, list] = m;
        if (!DEFINE_NAME.test(name)) throw new LineError(`list name "${name}" must start with @ and use lower-case letters, digits and hyphens`);
        if (defines.has(name)) throw new LineError(`list ${name} is already defined`);
        defines.set(name, termList(list).terms);
        continue;
      }
      if (first === 'topic') {
        const parts = content.split(/\s+/);
        const id = parts[1];
        if (!id) throw new LineError('expected "topic <id> [threshold <number>]"');
        if (!TOPIC_ID.test(id)) throw new LineError(`topic id "${id}" must be lower-case words joined by hyphens`);
        if (topics.some((t) => t.id === id)) throw new LineError(`topic ${id} appears twice; keep its rules under one heading`);
        let threshold = DEFAULT_THRESHOLD;
        if (parts.length > 2) {
          if (parts[2] !== 'threshold' || parts.length !== 4) throw new LineError(`expected "topic ${id} threshold <number>", got "${content}"`);
          threshold = Number(parts[3]);
          if (!Number.isFinite(threshold) || threshold <= 0) throw new LineError(`threshold "${parts[3]}" must be a positive number`);
        }
        current = { id, threshold, line: lineNo };
        topics.push(current);
        continue;
      }
      // A rule: <weight> <phrase> [; clause]...
      const m = /^([+-]?\d+(?:\.\d+)?)\s+(.*)$/.exec(content);
      if (!m) throw new LineError(`expected a rule "<weight> <phrase>", "topic <id>" or "define @name: ..."; got "${content}"`);
      if (!current) throw new LineError('rule before any "topic <id>" line');
      const weight = Number(m[1]);
      if (weight === 0 || Math.abs(weight) > 10) throw new LineError(`weight ${m[1]} must be between -10 and 10 and not 0`);
      const [phrase, ...clauses] = m[2].split(';');
      const rule: TopicRule = {
        topic: current.id, weight, sequences: budget.expand(phrase), phrase: phrase.trim(),
        near: [], notNear: [], withAny: [], without: [], line: lineNo, text: content,
      };
      for (const clause of clauses) {
        const c = clause.trim();
        const nearMatch = /^(not\s+)?near\s+(\d+)\s*:(.*)$/.exec(c);
        if (nearMatch) {
          const window = Number(nearMatch[2]);
          if (!Number.isInteger(window) || window < 1 || window > MAX_WINDOW) throw new LineError(`window ${nearMatch[2]} must be a whole number from 1 to ${MAX_WINDOW}`);
          const entry = { window, list: termList(nearMatch[3]) };
          (nearMatch[1] ? rule.notNear : rule.near).push(entry);
          continue;
        }
        const storyMatch = /^(with|without)\s*:(.*)$/.exec(c);
        if (storyMatch) {
          (storyMatch[1] === 'with' ? rule.withAny : rule.without).push(termList(storyMatch[2]));
          continue;
        }
        throw new LineError(`unknown clause "${c}"; expected "near N: ...", "not near N: ...", "with: ..." or "without: ..."`);
      }
      rules.push(rule);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      errors.push({ line: lineNo, message: err.message });
      if (err instanceof FileLimitError) break;
    }
  }
  for (const t of topics) {
    if (!rules.some((r) => r.topic === t.id && r.weight > 0) && !errors.length) {
      errors.push({ line: t.line, message: `topic ${t.id} has no rule with a positive weight, so it can never be tagged` });
    }
  }
  if (topics.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'no "topic <id>" section found' });
  return errors.length ? { ok: false, errors } : { ok: true, rules: { topics, rules, terms } };
}
