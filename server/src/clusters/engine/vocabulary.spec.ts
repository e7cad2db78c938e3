import { WindowVocabulary } from './vocabulary';

describe('WindowVocabulary', () => {
  it('gives a word one id and counts the stories in the window that use it', () => {
    const vocabulary = new WindowVocabulary();
    const prison = vocabulary.idOf('prison');
    const hasakah = vocabulary.idOf('hasakah');
    expect(vocabulary.idOf('prison')).toBe(prison);
    expect(hasakah).not.toBe(prison);
    expect(vocabulary.find('prison')).toBe(prison);
    expect(vocabulary.find('mosul')).toBeUndefined();

    vocabulary.countStory([prison, hasakah]);
    vocabulary.countStory([prison]);
    expect(vocabulary.documentFrequency(prison)).toBe(2);
    vocabulary.uncountStory([prison, hasakah]);
    expect(vocabulary.documentFrequency(prison)).toBe(1);
    expect(vocabulary.documentFrequency(hasakah)).toBe(0);
  });

  it('frees, on a sweep, the ids of words that no story in the window uses and nothing marks, and gives them to new words', () => {
    const vocabulary = new WindowVocabulary();
    const inWindow = vocabulary.idOf('inmates');
    const heldByCluster = vocabulary.idOf('ghwayran');
    const unused = vocabulary.idOf('jailbreak');
    vocabulary.countStory([inWindow]);

    vocabulary.sweep((mark) => mark(heldByCluster));
    expect(vocabulary.find('inmates')).toBe(inWindow);
    expect(vocabulary.find('ghwayran')).toBe(heldByCluster);
    expect(vocabulary.find('jailbreak')).toBeUndefined();
    expect(vocabulary.size).toBe(2);
    // The freed id goes to the next new word, with no stories counted against it.
    const next = vocabulary.idOf('escapees');
    expect(next).toBe(unused);
    expect(vocabulary.documentFrequency(next)).toBe(0);
  });

  it('asks for a sweep only once the vocabulary has doubled since the last one', () => {
    const vocabulary = new WindowVocabulary();
    for (let i = 0; i < 4096; i++) vocabulary.countStory([vocabulary.idOf(`word${i}`)]);
    expect(vocabulary.wantsSweep()).toBe(false);
    vocabulary.idOf('one-more');
    expect(vocabulary.wantsSweep()).toBe(true);
    vocabulary.sweep(() => undefined);
    expect(vocabulary.size).toBe(4096);
    expect(vocabulary.wantsSweep()).toBe(false);
  });
});
