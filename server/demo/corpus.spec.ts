import { loadDemoCorpus, parseCorpus } from './corpus';

describe('demo corpus', () => {
  const corpus = loadDemoCorpus();

  it('holds about 150 stories, with Arabic in Arabic script and French alongside English', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(140);
    const arabic = corpus.filter((item) => item.lang === 'ar');
    expect(arabic.length).toBeGreaterThanOrEqual(18);
    expect(arabic.every((item) => /[\u0621-\u064A]/.test(item.title))).toBe(true);
    expect(corpus.filter((item) => item.lang === 'fr').length).toBeGreaterThanOrEqual(18);
  });

  it('keeps about a quarter ordinary news, including the traps a tagger must not fall for', () => {
    const ordinary = corpus.filter((item) => item.region === 'world');
    expect(ordinary.length / corpus.length).toBeGreaterThan(0.2);
    expect(ordinary.length / corpus.length).toBeLessThan(0.3);
    const titles = ordinary.map((item) => item.title).join('\n');
    for (const trap of [/Jordan/, /Turkey prices/, /Georgia/, /Prison Break/, /strike/, /bombs at the box office/]) {
      expect(titles).toMatch(trap);
    }
  });

  it('spells the same places several ways, as real outlets do', () => {
    const text = corpus.map((item) => `${item.title} ${item.summary}`).join('\n');
    for (const spelling of ['al-Hol', 'Al Hol', 'al-Hawl', 'Hasakah', 'Hassakeh', 'Deir ez-Zor', 'Deir al-Zour', 'El Fasher', 'al-Fashir']) {
      expect(text).toContain(spelling);
    }
  });

  it('rejects an item with an unsupported language, naming the item', () => {
    expect(() => parseCorpus([{ lang: 'de', title: 't', summary: 's', topic: 'x' }])).toThrow(/item 0 has lang "de"/);
  });
});
