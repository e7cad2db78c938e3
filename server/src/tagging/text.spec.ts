import { foldWord } from '@sentinel/shared';
import { isTitleCase, normTokens, skeleton, tokenize } from './text';

describe('tokenize', () => {
  it('folds case and Latin diacritics', () => {
    expect(normTokens('Tillabéri, Mocímboa da Praia, Türkiye, Łódź')).toEqual(['tillaberi', 'mocimboa', 'da', 'praia', 'turkiye', 'lodz']);
  });
  it('splits hyphens and keeps the join, and reads possessives', () => {
    const toks = tokenize("Rwanda-backed rebels took Yemen's port");
    expect(toks.map((t) => t.norm)).toEqual(['rwanda', 'backed', 'rebels', 'took', 'yemen', 'port']);
    expect(toks[0].hyphenNext).toBe(true);
    expect(toks[4].possessive).toBe(true);
  });
  it("drops French elisions and apostrophes inside transliterations", () => {
    expect(normTokens("Côte d'Ivoire, N'Djamena, l'armée, Sana'a, Nu’man")).toEqual(['cote', 'ivoire', 'djamena', 'armee', 'sanaa', 'numan']);
  });
  it('does not read the word after a sentence-initial elision as the start of a sentence', () => {
    const text = "L'Armée est arrivée. N'Djamena";
    const toks = tokenize(text);
    expect(toks.map((t) => [t.norm, t.cap, t.sentenceStart])).toEqual([
      ['armee', true, false], ['est', false, false], ['arrivee', false, false], ['djamena', true, false],
    ]);
    // Evidence shows the word as written, elision included.
    expect(text.slice(toks[3].start, toks[3].end)).toBe("N'Djamena");
  });
  it('reads dotted abbreviations as one capitalised token', () => {
    const [us] = tokenize('U.S. forces');
    expect(us).toMatchObject({ norm: 'us', upper: true, cap: true });
  });
  it('marks sentence starts and capitals', () => {
    const toks = tokenize('Police said. Reading is fun in Reading');
    expect(toks.map((t) => [t.norm, t.cap, t.sentenceStart])).toEqual([
      ['police', true, true], ['said', false, false], ['reading', true, true], ['is', false, false], ['fun', false, false], ['in', false, false], ['reading', true, false],
    ]);
  });
  it('normalises Arabic letters, strips diacritics and tatweel, and splits the article and clitics', () => {
    expect(foldWord('إدلب')).toBe('ادلب');
    expect(foldWord('الحسكة')).toBe('الحسكه');
    expect(foldWord('مستشفى')).toBe('مستشفي');
    expect(foldWord('دِمَشْق')).toBe('دمشق');
    expect(foldWord('غـــزة')).toBe('غزه');
    expect(normTokens('الحسكة')).toEqual(['al', 'حسكه']);
    expect(normTokens('بالحسكة والرقة')).toEqual(['al', 'حسكه', 'al', 'رقه']);
  });
});

describe('skeleton', () => {
  it('gives common transliterations of one name the same key', () => {
    expect(new Set(['hasakah', 'hassakeh', 'hasaka', 'hasakeh'].map(skeleton)).size).toBe(1);
    expect(skeleton('raqqa')).toBe(skeleton('raqqah'));
    expect(skeleton('deir')).not.toBe(skeleton('dair'));
  });
});

describe('isTitleCase', () => {
  it('tells Title Case headlines from sentence case', () => {
    expect(isTitleCase(tokenize('Armed Men Kill 12 In Attack On Village In Burkina Faso'))).toBe(true);
    expect(isTitleCase(tokenize('Armed men kill 12 in attack on village in Burkina Faso'))).toBe(false);
  });
});
