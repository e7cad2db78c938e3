import type { Taxonomy } from '@sentinel/shared/taxonomy';
import { alertQueryOptions, checkAlertQuery, locateServerQueryError, offsetOf, queryErrorExcerpt } from './query-check';

const taxonomy: Taxonomy = {
  regions: [],
  macroRegions: [{ id: 'middle-east', name: 'Middle East', countries: ['SY', 'IQ'] }],
  topics: [{ id: 'prison-break', name: 'Prison breaks', description: '' }],
};

describe('live checking of a rule query', () => {
  it('points at the column after a dangling AND, in the words the server uses', () => {
    const check = checkAlertQuery('"prison break" AND', alertQueryOptions(taxonomy));
    expect(check).toMatchObject({ status: 'invalid', error: { line: 1, column: 19, message: 'column 19: expected a term after AND' } });
  });

  it('knows the topics and macro-regions of the server it talks to', () => {
    const options = alertQueryOptions(taxonomy);
    expect(checkAlertQuery('topic:prison-break region:middle-east', options).status).toBe('valid');
    expect(checkAlertQuery('topic:jailbreak', options)).toMatchObject({ status: 'invalid', error: { column: 7 } });
  });

  it('without a taxonomy accepts any topic and the built-in macro-regions, leaving the last word to the server', () => {
    const options = alertQueryOptions(null);
    expect(checkAlertQuery('topic:jailbreak region:sahel-west-africa', options).status).toBe('valid');
    expect(checkAlertQuery('region:atlantis', options).status).toBe('invalid');
  });

  it('treats a blank query as not yet written rather than as an error', () => {
    expect(checkAlertQuery('  \n ', alertQueryOptions(null))).toEqual({ status: 'empty' });
  });

  it('names the line as well as the column in a rule of several lines', () => {
    const check = checkAlertQuery('prison\nOR (escape', alertQueryOptions(null));
    expect(check).toMatchObject({ status: 'invalid', error: { line: 2 } });
  });
});

describe('pointing at an error in the query text', () => {
  it('finds the character of a line and column, clamped to the line', () => {
    const text = 'prison\nOR (escape';
    expect(text[offsetOf(text, 2, 4)]).toBe('(');
    expect(offsetOf(text, 1, 99)).toBe(6);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });

  it('draws a caret under the column of the line in error', () => {
    const excerpt = queryErrorExcerpt('prison\nOR (escape', 2, 4);
    expect(excerpt.text).toBe('OR (escape');
    expect(`${excerpt.caretIndent}^`).toBe('   ^');
  });

  it('keeps the caret on the right character when a long line is cut', () => {
    const line = `${'word '.repeat(40)}AND`;
    const excerpt = queryErrorExcerpt(line, 1, line.length + 1);
    expect(excerpt.text.startsWith('…')).toBe(true);
    expect(excerpt.text.length).toBeLessThanOrEqual(62);
    expect(excerpt.text.slice(excerpt.caretIndent.length - 3, excerpt.caretIndent.length)).toBe('AND');
  });

  it("reads the position out of the server's 400 message", () => {
    expect(locateServerQueryError('query: column 18: expected a term after AND')).toEqual({ line: 1, column: 18 });
    expect(locateServerQueryError('query: line 2, column 5: unclosed quote')).toEqual({ line: 2, column: 5 });
    expect(locateServerQueryError('name must be shorter than or equal to 200 characters')).toBeNull();
  });
});
