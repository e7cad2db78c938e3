import { clusterFixture } from './cluster-fixture';
import { fetchClusterPage } from './clusters';
import {
  chooseHeadlineLanguage,
  defaultHeadlineLanguage,
  HEADLINE_LANGUAGE_KEY,
  headlineFor,
  type HeadlineLanguageEnvironment,
  headlineLanguageRequest,
  readHeadlineLanguage,
  resetHeadlineLanguageMemory,
  subscribeHeadlineLanguage,
} from './headline-language';

const english = { storyId: 10, title: 'Dozens of detainees escape Hasakah prison', url: null, feedTitle: 'Wire' };
const french = { storyId: 11, title: 'Évasion de la prison de Ghwayran à Hassaké', url: null, feedTitle: 'Dépêche' };
const arabic = { storyId: 12, title: 'فرار سجناء من سجن غويران في الحسكة', url: null, feedTitle: 'الجزيرة' };

describe('headlineFor', () => {
  const event = clusterFixture(1, { headline: english, headlines: { en: english, fr: french, ar: arabic } });
  const englishOnly = clusterFixture(2, { headline: english, headlines: { en: english } });

  it.each([
    ['en', english],
    ['fr', french],
    ['ar', arabic],
    ['any', english],
  ] as const)('picks the %s headline from the event', (language, headline) => {
    expect(headlineFor(event, language)).toEqual(headline);
  });

  it('keeps the default headline when the event has no story in the language', () => {
    expect(headlineFor(englishOnly, 'fr')).toEqual(english);
    expect(headlineFor(englishOnly, 'ar')).toEqual(english);
  });

  it('keeps the default headline of an event from a server that sends no headlines per language', () => {
    const { headlines: _headlines, ...older } = event;
    expect(headlineFor(older as typeof event, 'fr')).toEqual(english);
  });
});

/** A stand-in for window: a local storage and the browser's languages. */
function fakeWindow(languages: readonly string[], stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const env: HeadlineLanguageEnvironment = {
    localStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
    navigator: { languages },
  };
  return { env, storage };
}

describe('the headline language setting', () => {
  beforeEach(() => resetHeadlineLanguageMemory());
  afterAll(() => resetHeadlineLanguageMemory());

  it("defaults to the first of English, French and Arabic among the browser's languages, else any", () => {
    expect(readHeadlineLanguage(fakeWindow(['fr-FR', 'en-US']).env)).toBe('fr');
    expect(defaultHeadlineLanguage({ languages: ['ar-SY', 'fr'] })).toBe('ar');
    expect(defaultHeadlineLanguage({ languages: ['de-DE', 'en'] })).toBe('en');
    expect(defaultHeadlineLanguage({ languages: ['de-DE'] })).toBe('any');
    expect(defaultHeadlineLanguage({ languages: [], language: 'fr-BE' })).toBe('fr');
    expect(defaultHeadlineLanguage(undefined)).toBe('any');
  });

  it('keeps the choice in local storage, where the next visit finds it', () => {
    const { env, storage } = fakeWindow(['en-GB']);
    const heard: string[] = [];
    const unsubscribe = subscribeHeadlineLanguage(() => heard.push(readHeadlineLanguage(env)));
    chooseHeadlineLanguage('ar', env);
    unsubscribe();
    expect(heard).toEqual(['ar']);
    expect(storage.get(HEADLINE_LANGUAGE_KEY)).toBe('ar');
    resetHeadlineLanguageMemory();
    expect(readHeadlineLanguage(env)).toBe('ar');
    chooseHeadlineLanguage('any', env);
    resetHeadlineLanguageMemory();
    expect(readHeadlineLanguage(env)).toBe('any');
  });

  it('ignores a stored value it does not know, and works without storage', () => {
    expect(readHeadlineLanguage(fakeWindow(['fr'], { [HEADLINE_LANGUAGE_KEY]: 'klingon' }).env)).toBe('fr');
    resetHeadlineLanguageMemory();
    const refusing: HeadlineLanguageEnvironment = {
      localStorage: {
        getItem: () => {
          throw new Error('storage disabled');
        },
        setItem: () => {
          throw new Error('storage disabled');
        },
      },
      navigator: { languages: ['en'] },
    };
    expect(readHeadlineLanguage(refusing)).toBe('en');
    chooseHeadlineLanguage('fr', refusing);
    expect(readHeadlineLanguage(refusing)).toBe('fr');
  });
});

describe('asking the API for events in the reader language', () => {
  const realFetch = globalThis.fetch;
  let calls: { url: string; headers: Record<string, string> }[];

  beforeEach(() => {
    calls = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
  });

  afterAll(() => {
    globalThis.fetch = realFetch;
    resetHeadlineLanguageMemory();
  });

  it('sends lang for a chosen language, and Accept-Language * for any so that lists agree with live events', async () => {
    expect(headlineLanguageRequest('fr')).toEqual({ lang: 'fr', headers: {} });
    chooseHeadlineLanguage('fr', null);
    await fetchClusterPage({ region: ['SY'] });
    chooseHeadlineLanguage('any', null);
    await fetchClusterPage({ region: ['SY'] });
    expect(calls[0].url).toBe('/api/clusters?region=SY&limit=50&lang=fr');
    expect(calls[0].headers['Accept-Language']).toBeUndefined();
    expect(calls[1].url).toBe('/api/clusters?region=SY&limit=50');
    expect(calls[1].headers['Accept-Language']).toBe('*');
  });
});
