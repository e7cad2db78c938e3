/**
 * The one table of how text is normalised, run through every user of the normaliser: search (the
 * server's search words and the story filter's matcher), the tagger's tokens, alert-query terms and
 * the alert matcher, and the client's highlighting. This test reaches into server/ and client/ on
 * purpose: it is the contract that they all read words the same way.
 */
import { highlightParts } from '../../../client/src/lib/highlight';
import { normTokens } from '../../../server/src/tagging/text';
import { compileAlertQuery, matchStory, parseAlertQuery, prepareStory } from '../alert-query';
import { storyFilterWords } from '../story-filter';
import { arabicArticleParts, normaliseText, searchTokens, textWords } from './normalise';

/** [what the case shows, text as written, its words as every user must read them] */
const CASES: [string, string, string[]][] = [
  // English
  ['case', 'PRISON Break', ['prison', 'break']],
  ['possessive', "Assad's forces, the Kurds’ towns", ['assad', 'forces', 'the', 'kurds', 'towns']],
  ['hyphens and dashes', 'Rwanda-backed M23 — al‑Hol', ['rwanda', 'backed', 'm23', 'al', 'hol']],
  ['dotted abbreviation', 'U.S. and U.N. envoys', ['us', 'and', 'un', 'envoys']],
  ['apostrophe in a transliteration', "Sana'a, Nu’man, Nuʿman, Raʼad", ['sanaa', 'numan', 'numan', 'raad']],
  ['compatibility forms', 'ﬁghting in Ｇａｚａ²', ['fighting', 'in', 'gaza2']],
  // French
  ['Latin diacritics', 'Hassaké, Tillabéri, Türkiye, Łódź, Straße', ['hassake', 'tillaberi', 'turkiye', 'lodz', 'strasse']],
  ['elisions', "L’évasion d'Ivoire, qu'il, jusqu'à N'Djamena", ['evasion', 'ivoire', 'il', 'a', 'djamena']],
  ['word after an elision keeps its place', "aujourd'hui l’armée", ['aujourdhui', 'armee']],
  // Arabic
  ['hamza on alef', 'إدلب أحمد آمنة', ['ادلب', 'احمد', 'امنه']],
  ['alef wasla, alef maksura, teh marbuta', 'ٱلمستشفى في الحسكة', ['المستشفي', 'في', 'الحسكه']],
  ['tatweel and harakat', 'غـــزة دِمَشْق', ['غزه', 'دمشق']],
  ['hamza on waw and yeh, Persian letters', 'مؤتمر رئيس کابل ی', ['موتمر', 'رييس', 'كابل', 'ي']],
  ['presentation forms', 'ﻏﺰﺓ', ['غزه']],
  // Other scripts
  ['Chinese, character by character', '叙利亚监狱', ['叙', '利', '亚', '监', '狱']],
];

/** The words of every term of a parsed alert query, in order. */
function alertTermWords(text: string): string[] {
  const parsed = parseAlertQuery(`"${text}"`);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const words: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'term') words.push(...(record.words as string[]));
      else Object.values(record).forEach(walk);
    }
  };
  walk(parsed.query);
  return words;
}

function alertMatches(query: string, title: string): boolean {
  const parsed = parseAlertQuery(query);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return matchStory(compileAlertQuery(parsed.query), prepareStory({ title, summary: '', regions: [], topics: [], sources: [] }));
}

describe.each(CASES)('normalising text: %s', (_what, text, words) => {
  it('gives the words of the table', () => {
    expect(searchTokens(text)).toEqual(words);
    expect(normaliseText(text)).toBe(words.join(' '));
    expect(textWords(text).map((w) => w.norm)).toEqual(words);
  });

  it('gives the same words to search', () => {
    expect(storyFilterWords({ q: text })).toEqual([...new Set(words)]);
  });

  it('gives the same words to the tagger, which also splits the Arabic article', () => {
    expect(normTokens(text)).toEqual(words.flatMap((w) => (/[\u0600-\u06ff]/.test(w) ? arabicArticleParts(w) : [w])));
  });

  it('gives the same words to alert-query terms, and a rule written plainly matches the text as written', () => {
    expect(alertTermWords(text)).toEqual(words);
    expect(alertMatches(`"${words.join(' ')}"`, text)).toBe(true);
    expect(alertMatches(`"${text}"`, words.join(' '))).toBe(true);
  });

  it('gives the same words to the client highlighting, which marks each word as it is written', () => {
    const marked = highlightParts(text, words.join(' ')).filter((p) => p.match).map((p) => p.text);
    expect(marked).toEqual(textWords(text).map((w) => text.slice(w.start, w.end)));
    expect(marked.map((written) => normaliseText(written))).toEqual(words);
  });
});

describe('textWords', () => {
  it('gives offsets into the original text, outside an elision and a possessive', () => {
    const text = "L’évasion: Assad's men";
    expect(textWords(text).map((w) => text.slice(w.start, w.end))).toEqual(['évasion', 'Assad', 'men']);
  });

  it('skips marks and tatweel standing alone', () => {
    expect(searchTokens('ـ \u0301 x')).toEqual(['x']);
  });
});
