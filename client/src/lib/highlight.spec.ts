import { highlightParts } from './highlight';

const marked = (text: string, q: string) => highlightParts(text, q).filter((p) => p.match).map((p) => p.text);

describe('highlightParts', () => {
  it('marks the searched words as they are written, whatever the accents, case or Arabic spelling', () => {
    expect(marked('Prison riot in Hassaké', 'hassake')).toEqual(['Hassaké']);
    expect(marked('إطلاق سراح أحمد', 'احمد')).toEqual(['أحمد']);
    expect(marked('غـــزة تحت القصف', 'غزه')).toEqual(['غـــزة']);
    expect(marked("L’évasion de détenus à N'Djamena", 'evasion djamena')).toEqual(['évasion', 'Djamena']);
  });

  it('keeps every character of the text, in order', () => {
    const text = "Yemen's port: al-Hol camp, U.S. says";
    const parts = highlightParts(text, 'yemen hol us');
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Yemen', 'Hol', 'U.S.']);
  });

  it('marks nothing for a search without words', () => {
    expect(highlightParts('Prison riot', '!!')).toEqual([{ text: 'Prison riot', match: false }]);
  });
});
