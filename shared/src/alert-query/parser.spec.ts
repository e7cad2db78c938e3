import { formatAlertQuery, parseAlertQuery, MAX_NESTING_DEPTH, MAX_QUERY_LENGTH, type AlertQueryError, type AlertQueryNode, type ParseAlertQueryOptions } from './index';
import { TOPIC_IDS } from '../taxonomy';

const MACRO_REGIONS: Record<string, string[]> = { 'middle-east': ['SY', 'IQ', 'LB', 'JO', 'PS', 'YE'], 'north-africa': ['LY', 'EG', 'TN', 'DZ', 'MA'] };
const options: ParseAlertQueryOptions = {
  knownTopics: new Set(TOPIC_IDS),
  resolveRegion: (id) => MACRO_REGIONS[id] ?? null,
};

function parse(text: string, opts: ParseAlertQueryOptions = options): AlertQueryNode {
  const result = parseAlertQuery(text, opts);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error.message}`);
  return result.query.root;
}

/** The grouping the parser chose, fully parenthesised. */
function grouping(text: string): string {
  return formatAlertQuery(parse(text));
}

function failure(text: string, opts: ParseAlertQueryOptions = options): AlertQueryError {
  const result = parseAlertQuery(text, opts);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected, got ${formatAlertQuery(result.query.root)}`);
  return result.error;
}

describe('parseAlertQuery: operators and precedence', () => {
  it.each([
    ['prison break', 'prison AND break'],
    ['prison AND break', 'prison AND break'],
    ['escape OR breakout', 'escape OR breakout'],
    ['a b OR c', '(a AND b) OR c'],
    ['a OR b c', 'a OR (b AND c)'],
    ['a OR b AND c OR d', 'a OR (b AND c) OR d'],
    ['NOT a b', 'NOT a AND b'],
    ['NOT a OR b', 'NOT a OR b'],
    ['a -b OR c', '(a AND NOT b) OR c'],
    ['(a OR b) c', '(a OR b) AND c'],
    ['NOT (a OR b)', 'NOT (a OR b)'],
    ['-(a OR b) c', 'NOT (a OR b) AND c'],
    ['NOT NOT a', 'NOT NOT a'],
    ['((a))', 'a'],
    ['(a AND b) AND (c AND d)', 'a AND b AND c AND d'],
  ])('groups %j as %s', (text, expected) => {
    expect(grouping(text)).toBe(expected);
  });

  it('treats lower-case and, or, not as ordinary words to search for', () => {
    expect(grouping('rock and roll')).toBe('rock AND and AND roll');
    expect(grouping('or not')).toBe('or AND not');
  });

  it('reads words, "phrases" and prefix* terms and keeps what the analyst wrote', () => {
    expect(parse('"Prison Break" Escap*')).toEqual({
      type: 'and',
      children: [
        { type: 'term', kind: 'phrase', scope: 'text', text: 'Prison Break', words: ['prison', 'break'] },
        { type: 'term', kind: 'prefix', scope: 'text', text: 'Escap', words: ['escap'] },
      ],
    });
  });

  it('accepts curly quotes pasted from a word processor', () => {
    expect(grouping('\u201cprison break\u201d')).toBe('"prison break"');
  });

  it('reads a hyphenated word as its words side by side', () => {
    expect(parse('al-Hol')).toMatchObject({ type: 'term', kind: 'word', words: ['al', 'hol'] });
  });

  it('reads operators across lines and tabs', () => {
    expect(grouping('escape\n\tOR breakout\r\nAND prison')).toBe('escape OR (breakout AND prison)');
  });
});

describe('parseAlertQuery: NEAR/n', () => {
  it('joins two terms with the distance given', () => {
    expect(parse('prison NEAR/5 escape')).toEqual({
      type: 'near',
      distance: 5,
      left: expect.objectContaining({ type: 'term', words: ['prison'] }),
      right: expect.objectContaining({ type: 'term', words: ['escape'] }),
    });
  });

  it('binds tighter than AND, OR and NOT', () => {
    expect(grouping('a NEAR/3 b c')).toBe('(a NEAR/3 b) AND c');
    expect(grouping('a OR b NEAR/3 c')).toBe('a OR (b NEAR/3 c)');
    expect(grouping('NOT a NEAR/3 b')).toBe('NOT (a NEAR/3 b)');
  });

  it('accepts phrases, prefixes, title: terms and OR-groups of them as operands', () => {
    expect(grouping('(escape OR "broke out" OR breakout*) NEAR/8 title:prison')).toBe('(escape OR "broke out" OR breakout*) NEAR/8 title:prison');
  });

  it.each([
    ['a NEAR/1 b', 1],
    ['a NEAR/50 b', 50],
  ])('accepts the bounds in %j', (text, distance) => {
    expect(parse(text)).toMatchObject({ type: 'near', distance });
  });

  it.each([
    ['a NEAR/0 b', 3],
    ['a NEAR/51 b', 3],
    ['a NEAR b', 3],
    ['a NEAR/x b', 3],
    ['a NEAR/-2 b', 3],
    ['a NEAR/99999999999 b', 3],
  ])('rejects %j with the allowed range', (text, column) => {
    expect(failure(text)).toMatchObject({ column, message: `column ${column}: NEAR/n needs a number from 1 to 50, e.g. prison NEAR/5 escape` });
  });

  it('refuses fields, NOT and AND groups as NEAR operands, naming the operand', () => {
    expect(failure('region:SY NEAR/3 escape').message).toBe("column 1: NEAR/3 joins words, phrases, prefix* terms or (a OR b) groups of them; it can't take a region: field");
    expect(failure('escape NEAR/3 (a AND b)').message).toBe("column 15: NEAR/3 joins words, phrases, prefix* terms or (a OR b) groups of them; it can't take an AND group");
    expect(failure('escape NEAR/3 -drill').message).toBe("column 15: NEAR/3 can't take NOT or '-'; exclude words outside it: (a NEAR/3 b) -c");
  });

  it('refuses a chain of NEARs and shows how to write it', () => {
    expect(failure('a NEAR/3 b NEAR/4 c').message).toBe('column 12: NEAR/n joins two terms; to chain, write (a NEAR/3 b) AND (b NEAR/4 c)');
  });
});

describe('parseAlertQuery: fields', () => {
  it('reads a country code in any case as upper-case', () => {
    expect(parse('region:sy')).toEqual({ type: 'region', value: 'SY', countries: ['SY'] });
  });

  it('resolves a macro-region id to its countries through the injected resolver', () => {
    expect(parse('region:Middle-East')).toEqual({ type: 'region', value: 'middle-east', countries: MACRO_REGIONS['middle-east'] });
  });

  it('rejects a macro-region the resolver does not know, and any when there is no resolver', () => {
    expect(failure('escape region:middle-earth')).toMatchObject({
      kind: 'unknown-region',
      column: 15,
      message: "column 15: unknown region 'middle-earth'; use a two-letter country code (region:SY) or a macro-region id (region:middle-east)",
    });
    expect(failure('region:middle-east', {}).kind).toBe('unknown-region');
  });

  it('reads topic ids and checks them against the known topics when given', () => {
    expect(parse('topic:Prison-Break')).toEqual({ type: 'topic', topic: 'prison-break' });
    expect(parse('topic:anything-goes', {})).toEqual({ type: 'topic', topic: 'anything-goes' });
    expect(failure('topic:prison-brake')).toMatchObject({ kind: 'unknown-topic', column: 7, message: "column 7: unknown topic 'prison-brake'; did you mean 'prison-break'?" });
    expect(failure('topic:weather').message).toMatch(/^column 7: unknown topic 'weather'; topics are armed-clash, airstrike, /);
  });

  it('reads source: as a word, phrase or prefix of the feed title', () => {
    expect(parse('source:"Al Jazeera English"')).toEqual({ type: 'source', kind: 'phrase', text: 'Al Jazeera English', words: ['al', 'jazeera', 'english'] });
    expect(parse('source:reut*')).toMatchObject({ type: 'source', kind: 'prefix', words: ['reut'] });
  });

  it('applies title: to a term or to every term of a group', () => {
    expect(grouping('title:"prison break"')).toBe('title:"prison break"');
    expect(grouping('title:(escape OR breakout -drill) prison')).toBe('(title:escape OR (title:breakout AND NOT title:drill)) AND prison');
  });

  it('accepts field names in any case', () => {
    expect(grouping('REGION:SY Title:escape')).toBe('region:SY AND title:escape');
  });

  it('rejects an unknown field and lists the real ones', () => {
    expect(failure('escape colour:red')).toMatchObject({
      kind: 'unknown-field',
      column: 8,
      message: "column 8: unknown field 'colour:'; fields are region:, topic:, source:, title:; event conditions are sources>=N, breaking:, corroborated:",
    });
  });

  it('keeps a colon that follows digits as part of the word', () => {
    expect(parse('10:30')).toMatchObject({ type: 'term', words: ['10', '30'] });
  });

  it.each([
    ['region: SY', "column 8: expected a value right after 'region:' (no space), e.g. region:SY or region:middle-east"],
    ['topic:', "column 7: expected a value right after 'topic:' (no space), e.g. topic:prison-break"],
    ['region:(SY OR IQ)', 'column 8: region: takes one value, e.g. region:SY or region:middle-east; for several, write region:a OR region:b'],
    ['region:SY*', 'column 8: expected a value after region:, e.g. region:SY or region:middle-east'],
    ['title:(escape region:SY)', 'column 15: title:( ... ) can hold only words, phrases and prefix* terms; move region: outside the parentheses'],
    ['title:(escape title:x)', 'column 15: title:( ... ) can hold only words, phrases and prefix* terms; move title: outside the parentheses'],
  ])('rejects %j', (text, message) => {
    expect(failure(text).message).toBe(message);
  });
});

describe('parseAlertQuery: event conditions', () => {
  const event = (condition: object) => ({ type: 'event', condition });

  it('reads sources>=N, sources>N and sources:N as a least number of independent sources', () => {
    expect(parse('sources>=3')).toEqual(event({ kind: 'sources', min: 3 }));
    expect(parse('sources>2')).toEqual(event({ kind: 'sources', min: 3 }));
    expect(parse('Sources:3')).toEqual(event({ kind: 'sources', min: 3 }));
    expect(parse('sources>=1')).toEqual(event({ kind: 'sources', min: 1 }));
    expect(parse('sources>=100')).toEqual(event({ kind: 'sources', min: 100 }));
  });

  it('reads breaking: and corroborated: as true or false, in any case', () => {
    expect(parse('breaking:true')).toEqual(event({ kind: 'breaking', value: true }));
    expect(parse('CORROBORATED:False')).toEqual(event({ kind: 'corroborated', value: false }));
  });

  it('keeps the conditions beside the words, ANDed at the top level, however the words are grouped', () => {
    expect(grouping('(escape OR breakout) prison sources>=3 breaking:true')).toBe('(escape OR breakout) AND prison AND sources>=3 AND breaking:true');
    expect(grouping('(prison corroborated:true)')).toBe('prison AND corroborated:true');
    expect(grouping('(prison sources>2) AND escape')).toBe('prison AND sources>=3 AND escape');
  });

  it('writes every condition back in one form that parses to the same rule', () => {
    for (const text of ['sources>4 title:escape', 'sources:2 breaking:false corroborated:true -drill', 'region:SY AND sources>=10']) {
      const root = parse(text);
      expect(parse(formatAlertQuery(root))).toEqual(root);
    }
    expect(grouping('sources:2 breaking:false')).toBe('sources>=2 AND breaking:false');
  });

  it.each([
    ['prison OR sources>=3', 11, "sources>=3 is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not inside OR, e.g. (prison OR jail) sources>=3"],
    ['(prison sources>=3) OR escape', 9, "sources>=3 is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not inside OR, e.g. (prison OR jail) sources>=3"],
    ['prison NOT breaking:true', 12, "breaking:true is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not after NOT or '-'; write breaking:false instead"],
    ['prison -sources>=3', 9, "sources>=3 is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not after NOT or '-'; for events that are not yet confirmed write corroborated:false"],
    ['NOT (prison OR corroborated:true)', 16, "corroborated:true is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not inside OR, e.g. (prison OR jail) corroborated:true"],
    ['prison NEAR/3 sources>=3', 15, "NEAR/3 joins words, phrases, prefix* terms or (a OR b) groups of them; it can't take an event condition (sources>=N, breaking:, corroborated:)"],
    ['title:(prison sources>=3)', 15, 'title:( ... ) can hold only words, phrases and prefix* terms; move sources>= outside the parentheses'],
    ['sources>=3 prison sources>=5', 19, 'sources>=5 repeats sources>=3 (column 1): give each event condition once'],
    ['sources>=0', 10, 'sources>= takes a whole number from 1 to 100, e.g. sources>=3 (at least 3 independent sources)'],
    ['sources>=101', 10, 'sources>= takes a whole number from 1 to 100, e.g. sources>=3 (at least 3 independent sources)'],
    ['sources>100', 9, 'sources> takes a whole number from 0 to 99, e.g. sources>=3 (at least 3 independent sources)'],
    ['sources:reuters', 9, "sources: takes a whole number from 1 to 100, e.g. sources>=3 (at least 3 independent sources); to match a feed's title write source:reuters"],
    ['sources>= 3', 10, "expected a number right after 'sources>=' (no space), e.g. sources>=3"],
    ['sources<3', 8, 'sources takes >=N, >N or :N (at least N independent sources), e.g. sources>=3'],
    ['breaking:yes', 10, 'breaking: takes true or false, e.g. breaking:true'],
    ['corroborated: true', 14, "expected a value right after 'corroborated:' (no space), e.g. corroborated:true"],
  ])('rejects %j at column %i', (text, column, detail) => {
    expect(failure(text)).toMatchObject({ column, message: `column ${column}: ${detail}` });
  });

  it('leaves words that only look alike as words', () => {
    expect(parse('resources>=3')).toMatchObject({ type: 'term', words: ['resources', '3'] });
    expect(parse('sources')).toMatchObject({ type: 'term', words: ['sources'] });
  });
});

describe('parseAlertQuery: errors name line, column and what was expected', () => {
  it.each([
    ['prison break AND ', 18, 'expected a term after AND'],
    ['prison AND OR break', 12, 'expected a term after AND'],
    ['escape OR', 10, 'expected a term after OR'],
    ['OR escape', 1, 'expected a term before OR'],
    ['AND escape', 1, 'expected a term before AND'],
    ['NEAR/3 escape', 1, 'expected a term before NEAR/3'],
    ['escape NOT', 11, 'expected a term after NOT'],
    ['escape NEAR/3', 14, 'expected a term after NEAR/3'],
    ['"prison break', 1, 'unclosed quote: add a closing " to end the phrase'],
    ['escape "', 8, 'unclosed quote: add a closing " to end the phrase'],
    ['escape)', 7, "unbalanced parenthesis: ')' without '('"],
    [')', 1, "unbalanced parenthesis: ')' without '('"],
    ['(escape OR (breakout)', 1, "unbalanced parenthesis: '(' is never closed; add ')'"],
    ['escape ()', 9, 'expected a term inside the parentheses'],
    ['escape - prison', 8, "expected a term right after '-' (write -word to exclude a word)"],
    ['esc*pe', 4, "'*' only goes at the end of a word, as in escap*"],
    ['"prison"*', 9, "'*' goes at the end of a word (escap*), not after a phrase"],
    ['e*', 1, "prefix* needs at least 2 letters before '*'"],
    ['escape ""', 8, 'empty phrase: put words between the quotes'],
    ['escape !!!', 8, "'!!!' has no letters or digits to search for"],
    ['', 1, 'the query is empty: write a word, a "phrase" or a field such as topic:prison-break'],
    ['   \n  ', 1, 'the query is empty: write a word, a "phrase" or a field such as topic:prison-break'],
  ])('rejects %j at column %i: %s', (text, column, detail) => {
    const error = failure(text);
    expect(error.column).toBe(column);
    expect(error.message).toMatch(new RegExp(`column ${column}: ${detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('names the line in a rule written over several lines', () => {
    expect(failure('(escape OR breakout)\nAND prison\nAND')).toMatchObject({
      line: 3,
      column: 4,
      offset: 35,
      message: 'line 3, column 4: expected a term after AND',
    });
  });

  it('rejects a value that is not text', () => {
    expect(failure(42 as unknown as string).message).toBe('column 1: the query must be text');
  });
});

describe('parseAlertQuery: hostile input', () => {
  it('rejects 10,000 nested parentheses with a clear error instead of overflowing the stack', () => {
    const error = failure(`${'('.repeat(10_000)}escape${')'.repeat(10_000)}`);
    expect(error).toMatchObject({ kind: 'too-long', line: 1, column: MAX_QUERY_LENGTH + 1 });
    expect(error.message).toBe('column 2001: the query is 20,006 characters long; the limit is 2,000');
  });

  it('rejects a 1 MB query by its length', () => {
    const error = failure('escape OR '.repeat(104_858));
    expect(error.kind).toBe('too-long');
    expect(error.message).toBe('column 2001: the query is 1,048,580 characters long; the limit is 2,000');
  });

  it('accepts nesting up to the limit and rejects one level more, pointing at the bracket', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}escape${')'.repeat(depth)}`;
    expect(grouping(nested(MAX_NESTING_DEPTH))).toBe('escape');
    expect(failure(nested(MAX_NESTING_DEPTH + 1))).toMatchObject({
      kind: 'too-deep',
      column: MAX_NESTING_DEPTH + 1,
      message: `column ${MAX_NESTING_DEPTH + 1}: too deeply nested: at most ${MAX_NESTING_DEPTH} levels of parentheses and NOTs`,
    });
  });

  it('counts a long chain of NOTs and dashes against the nesting limit', () => {
    expect(failure(`${'NOT '.repeat(400)}escape`).kind).toBe('too-deep');
    expect(failure(`${'-'.repeat(1_000)}escape`).kind).toBe('too-deep');
  });

  it('parses the longest allowed flat query of a thousand terms', () => {
    const text = Array.from({ length: 1_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(' ');
    expect(text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(parse(text)).toMatchObject({ type: 'and' });
  });

  it('answers every random jumble of query pieces with a rule it can write back, or an error inside the text, never a crash', () => {
    const pieces = ['(', ')', '"', 'AND', 'OR', 'NOT', '-', 'NEAR/3', 'NEAR/0', 'prison', 'escap*', '*', 'region:', 'SY', 'title:', 'topic:', 'source:', ':', 'é', 'سجن', '\n', ' ', ' ', '\u201c', 'sources>=3', 'sources>', 'sources:', '3', 'breaking:', 'true', 'corroborated:false'];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 14) }, () => pieces[Math.floor(random() * pieces.length)]).join(random() < 0.5 ? ' ' : '');
      const result = parseAlertQuery(text, options);
      if (!result.ok) {
        expect(result.error.offset).toBeGreaterThanOrEqual(0);
        expect(result.error.offset).toBeLessThanOrEqual(text.length);
        expect(result.error.message).toMatch(/^(line \d+, )?column \d+: \S/);
      } else {
        // What formatAlertQuery writes back parses to the same rule.
        expect(parse(formatAlertQuery(result.query.root))).toEqual(result.query.root);
      }
    }
  });
});
