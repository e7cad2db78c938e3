/**
 * Hand-written tokenizer for the rule language: one pass over the characters, each token keeping
 * its offset so that every error can point at a column.
 */
import { AlertQueryParseFailure } from './errors';

export const FIELD_NAMES = ['region', 'topic', 'source', 'title'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Conditions on the story's event rather than its text: `sources>=3` (or `sources:3`), `breaking:true`, `corroborated:true`. */
export const EVENT_FIELD_NAMES = ['sources', 'breaking', 'corroborated'] as const;
export type EventFieldName = (typeof EVENT_FIELD_NAMES)[number];
/** What a `field` token's text can be: a field, or `sources` with its comparison (`sources>=`, `sources>`). */
export type FieldTokenText = FieldName | EventFieldName | 'sources>=' | 'sources>';

export const MAX_EVENT_SOURCES = 100;

export const MAX_NEAR_DISTANCE = 50;

export type LexTokenType =
  | 'word'
  | 'phrase'
  | 'prefix'
  | 'field'
  | 'lparen'
  | 'rparen'
  | 'and'
  | 'or'
  | 'not'
  | 'minus'
  | 'near'
  | 'eof';

export interface LexToken {
  type: LexTokenType;
  /** Word or phrase text (no quotes, no `*`); field name in lower case; operator as written. */
  text: string;
  offset: number;
  end: number;
  /** For `near`: the n of NEAR/n. */
  distance: number;
}

const OPENING_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const CLOSING_QUOTES = new Set(['"', '\u201c', '\u201d']);

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function endsWord(text: string, i: number): boolean {
  const ch = text[i];
  return ch === '(' || ch === ')' || OPENING_QUOTES.has(ch) || isSpace(text.charCodeAt(i));
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function fieldList(): string {
  return `${FIELD_NAMES.map((f) => `${f}:`).join(', ')}; event conditions are sources>=N, breaking:, corroborated:`;
}

function isFieldName(name: string): boolean {
  return (FIELD_NAMES as readonly string[]).includes(name) || (EVENT_FIELD_NAMES as readonly string[]).includes(name);
}

export function tokenizeAlertQuery(text: string): LexToken[] {
  const tokens: LexToken[] = [];
  const push = (type: LexTokenType, tokenText: string, offset: number, end: number, distance = 0) =>
    tokens.push({ type, text: tokenText, offset, end, distance });
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (isSpace(code)) {
      i++;
    } else if (ch === '(') {
      push('lparen', ch, i, ++i);
    } else if (ch === ')') {
      push('rparen', ch, i, ++i);
    } else if (OPENING_QUOTES.has(ch)) {
      let close = i + 1;
      while (close < text.length && !CLOSING_QUOTES.has(text[close])) close++;
      if (close >= text.length) {
        throw new AlertQueryParseFailure('syntax', i, 'unclosed quote: add a closing " to end the phrase');
      }
      const content = text.slice(i + 1, close).trimEnd();
      const star = content.indexOf('*');
      if (star !== -1 && star !== content.length - 1) {
        throw new AlertQueryParseFailure('syntax', i + 1 + star, "'*' inside a phrase only goes at its end, as in \"prison escap*\"");
      }
      // "prison escap*": the last word of the phrase is a prefix.
      if (star === -1) push('phrase', content, i, close + 1);
      else push('prefix', content.slice(0, -1), i, close + 1);
      i = close + 1;
      if (text[i] === '*') {
        throw new AlertQueryParseFailure('syntax', i, "'*' goes at the end of a word (escap*), not after a phrase");
      }
    } else if (ch === '-') {
      if (i + 1 >= text.length || (endsWord(text, i + 1) && text[i + 1] !== '(' && !OPENING_QUOTES.has(text[i + 1]))) {
        throw new AlertQueryParseFailure('syntax', i, "expected a term right after '-' (write -word to exclude a word)");
      }
      push('minus', ch, i, ++i);
    } else {
      i = readWord(text, i, push);
    }
  }
  push('eof', '', text.length, text.length);
  return tokens;
}

function readWord(
  text: string,
  start: number,
  push: (type: LexTokenType, text: string, offset: number, end: number, distance?: number) => void,
): number {
  let i = start;
  let lettersOnly = true;
  while (i < text.length && !endsWord(text, i)) {
    const code = text.charCodeAt(i);
    if (code === 58 /* : */ && lettersOnly && i > start) {
      const name = text.slice(start, i).toLowerCase();
      if (!isFieldName(name)) {
        throw new AlertQueryParseFailure('unknown-field', start, `unknown field '${text.slice(start, i)}:'; fields are ${fieldList()}`);
      }
      if (i + 1 >= text.length || isSpace(text.charCodeAt(i + 1)) || text[i + 1] === ')') {
        throw new AlertQueryParseFailure('syntax', i + 1, `expected a value right after '${name}:' (no space), e.g. ${example(name as FieldName | EventFieldName)}`);
      }
      push('field', name, start, i + 1);
      return i + 1;
    }
    // `sources>=3`: the number of independent sources of the story's event.
    if ((code === 62 /* > */ || code === 60 /* < */ || code === 61 /* = */) && lettersOnly && i > start && text.slice(start, i).toLowerCase() === 'sources') {
      if (code !== 62) {
        throw new AlertQueryParseFailure('syntax', i, `sources takes >=N, >N or :N (at least N independent sources), e.g. ${example('sources')}`);
      }
      const operator = text[i + 1] === '=' ? '>=' : '>';
      const end = i + operator.length;
      if (end >= text.length || endsWord(text, end)) {
        throw new AlertQueryParseFailure('syntax', end, `expected a number right after 'sources${operator}' (no space), e.g. ${example('sources')}`);
      }
      push('field', `sources${operator}`, start, end);
      return end;
    }
    if (!isAsciiLetter(code)) lettersOnly = false;
    i++;
  }
  const word = text.slice(start, i);
  if (word === 'AND') push('and', word, start, i);
  else if (word === 'OR') push('or', word, start, i);
  else if (word === 'NOT') push('not', word, start, i);
  else if (word === 'NEAR' || word.startsWith('NEAR/')) push('near', word, start, i, nearDistance(word, start));
  else {
    const star = word.indexOf('*');
    if (star === -1) push('word', word, start, i);
    else if (star === word.length - 1) push('prefix', word.slice(0, -1), start, i);
    else throw new AlertQueryParseFailure('syntax', start + star, "'*' only goes at the end of a word, as in escap*");
  }
  return i;
}

function nearDistance(word: string, offset: number): number {
  const digits = word.slice('NEAR/'.length);
  let n = 0;
  let valid = word.startsWith('NEAR/') && digits.length > 0 && digits.length <= 3;
  for (let k = 0; valid && k < digits.length; k++) {
    const d = digits.charCodeAt(k) - 48;
    if (d < 0 || d > 9) valid = false;
    n = n * 10 + d;
  }
  if (!valid || n < 1 || n > MAX_NEAR_DISTANCE) {
    throw new AlertQueryParseFailure('syntax', offset, `NEAR/n needs a number from 1 to ${MAX_NEAR_DISTANCE}, e.g. prison NEAR/5 escape`);
  }
  return n;
}

export function example(field: FieldName | EventFieldName): string {
  switch (field) {
    case 'sources':
      return 'sources>=3';
    case 'breaking':
      return 'breaking:true';
    case 'corroborated':
      return 'corroborated:true';
    case 'region':
      return 'region:SY or region:middle-east';
    case 'topic':
      return 'topic:prison-break';
    case 'source':
      return 'source:"Feed title"';
    case 'title':
      return 'title:"prison break" or title:(escape OR breakout)';
  }
}
