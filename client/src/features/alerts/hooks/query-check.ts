import type { QueryErrorDetail } from '@sentinel/shared';
import { parseAlertQuery, type ParseAlertQueryOptions } from '@sentinel/shared/alert-query/parser';
import { isMacroRegionId, type Taxonomy } from '@sentinel/shared/taxonomy';

/**
 * Live checking of a rule's query in the editor, with the same parser the server runs (imported
 * from its own module, so the bundle carries the parser and not the server's matcher), so that
 * what the editor accepts the server accepts (given the same taxonomy).
 */
export type QueryCheck = { status: 'empty' } | { status: 'valid' } | { status: 'invalid'; error: QueryErrorDetail & { offset: number } };

/**
 * Topics and macro-regions as the server knows them. Without the taxonomy (an older server, or
 * not loaded yet) topics are not checked here, since operators add topics at run time and the
 * server has the last word, and macro-regions are the built-in ids.
 */
export function alertQueryOptions(taxonomy: Taxonomy | null): ParseAlertQueryOptions {
  if (!taxonomy) {
    return { resolveRegion: (id) => (isMacroRegionId(id) ? [] : null) };
  }
  const macroRegions = new Map(taxonomy.macroRegions.map((macro) => [macro.id as string, macro.countries]));
  return {
    knownTopics: new Set(taxonomy.topics.map((topic) => topic.id)),
    resolveRegion: (id) => macroRegions.get(id) ?? null,
  };
}

export function checkAlertQuery(text: string, options: ParseAlertQueryOptions): QueryCheck {
  if (text.trim() === '') return { status: 'empty' };
  const result = parseAlertQuery(text, options);
  if (result.ok) return { status: 'valid' };
  const { message, line, column, offset } = result.error;
  return { status: 'invalid', error: { message, line, column, offset } };
}

/** The 0-based index of a 1-based line and column, clamped to the text, for putting the cursor there. */
export function offsetOf(text: string, line: number, column: number): number {
  let lineStart = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return text.length;
    lineStart = newline + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(lineStart + Math.max(0, column - 1), end);
}

export interface QueryErrorExcerpt {
  /** The line the error is on, cut to a window around the column when it is long. */
  text: string;
  /** Spaces up to the caret, so that a monospace "^" under `text` points at the column. */
  caretIndent: string;
}

const EXCERPT_WIDTH = 60;

export function queryErrorExcerpt(text: string, line: number, column: number): QueryErrorExcerpt {
  const lines = text.split('\n');
  const lineText = lines[Math.min(Math.max(line, 1), lines.length) - 1] ?? '';
  let start = 0;
  if (lineText.length > EXCERPT_WIDTH) start = Math.max(0, Math.min(column - 1 - EXCERPT_WIDTH / 2, lineText.length - EXCERPT_WIDTH));
  const shown = lineText.slice(start, start + EXCERPT_WIDTH);
  const prefix = start > 0 ? '…' : '';
  const suffix = start + EXCERPT_WIDTH < lineText.length ? '…' : '';
  // Tabs would make the caret drift; show them as single spaces on both lines.
  const visible = `${prefix}${shown}${suffix}`.replace(/\t/g, ' ');
  const caretAt = prefix.length + Math.max(0, column - 1 - start);
  return { text: visible, caretIndent: ' '.repeat(caretAt) };
}

/**
 * Where a server message such as "query: column 18: expected a term after AND" or
 * "query: line 2, column 5: …" points, so the editor can put the cursor there; null for any
 * other message.
 */
export function locateServerQueryError(message: string): { line: number; column: number } | null {
  const match = /^query:\s*(?:line (\d+),\s*)?column (\d+):/.exec(message);
  if (!match) return null;
  return { line: match[1] ? Number(match[1]) : 1, column: Number(match[2]) };
}
