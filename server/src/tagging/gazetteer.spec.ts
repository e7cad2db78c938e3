import { Gazetteer, GazetteerDataError, readGazetteerSources } from './gazetteer';
import { normTokens } from './text';

describe('Gazetteer', () => {
  const gaz = Gazetteer.default();
  const targets = (name: string) => gaz.names.get(normTokens(name)) ?? [];

  it('knows country names in English, French and Arabic, abbreviations and demonyms', () => {
    for (const [name, code] of [['Syria', 'SY'], ['Syrie', 'SY'], ['سوريا', 'SY'], ['Tchad', 'TD'], ['Côte d’Ivoire', 'CI'], ['Ivory Coast', 'CI'], ['DRC', 'CD'], ['Nigerien', 'NE'], ['Nigerian', 'NG'], ['South Sudanese', 'SS']] as const) {
      expect(targets(name)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'country', code })]));
    }
  });

  it('gives a territory\'s shared demonym to the sovereign state only', () => {
    expect(targets('French').map((t) => (t.type === 'country' ? t.code : t.type))).toEqual(['FR']);
  });

  it('indexes first-level divisions, cities and curated conflict places with coordinates', () => {
    const anbar = targets('Anbar').find((t) => t.type === 'place');
    expect(anbar).toMatchObject({ type: 'place', place: { country: 'IQ' } });
    const hol = targets('al-Hawl').find((t) => t.type === 'place');
    expect(hol).toMatchObject({ place: { country: 'SY', kind: 'camp', curated: true } });
    const rafah = targets('Rafah crossing').find((t) => t.type === 'place');
    expect(rafah).toMatchObject({ place: { country: 'PS', alsoCountries: ['EG'], kind: 'crossing' } });
  });

  it('keeps a bare division named like a country or a word out of the index', () => {
    expect(targets('Niger').every((t) => t.type === 'country')).toBe(true);
    expect(targets('Niger State').some((t) => t.type === 'place' && t.place.country === 'NG')).toBe(true);
  });

  it('holds ambiguity rules for names with several readings', () => {
    expect(targets('Georgia')).toEqual([expect.objectContaining({ type: 'ambiguous' })]);
    expect(targets('Jordan').some((t) => t.type === 'ambiguous')).toBe(true);
  });

  it('refuses a curated place in an unknown country, naming the place', () => {
    const src = readGazetteerSources();
    src.conflictPlaces = { ...src.conflictPlaces, places: [{ names: ['Atlantis camp'], country: 'ZZ', kind: 'camp', lat: 0, lon: 0 }] };
    expect(() => Gazetteer.fromSources(src)).toThrow(GazetteerDataError);
    expect(() => Gazetteer.fromSources(src)).toThrow(/Atlantis camp.*ZZ/);
  });
});
