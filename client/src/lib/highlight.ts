import { searchTokens, textWords } from '@sentinel/shared';

/** A run of a story's text, and whether it is one of the searched words. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

/**
 * Splits `text` into runs, marking the words that a search for `q` matched. Words are compared
 * by the shared normaliser, as the server's search compares them, so "Hassake" marks "Hassaké"
 * and "evasion" marks the "évasion" of "l’évasion".
 */
export function highlightParts(text: string, q: string): HighlightPart[] {
  const wanted = new Set(searchTokens(q));
  if (wanted.size === 0) return [{ text, match: false }];
  const parts: HighlightPart[] = [];
  let at = 0;
  for (const word of textWords(text)) {
    if (!wanted.has(word.norm)) continue;
    if (word.start > at) parts.push({ text: text.slice(at, word.start), match: false });
    parts.push({ text: text.slice(word.start, word.end), match: true });
    at = word.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), match: false });
  return parts;
}
