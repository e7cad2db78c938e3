import { compileAlertQuery, isCorroborated, matchEvent, matchStory, MAX_STORY_WORDS, parseAlertQuery, prepareStory, type MatchableEvent, type MatchableStory } from './index';

const MACRO_REGIONS: Record<string, string[]> = { 'middle-east': ['SY', 'IQ', 'LB'], 'sahel-west-africa': ['ML', 'BF', 'NE'] };

function story(fields: Partial<MatchableStory>): MatchableStory {
  return { title: '', summary: '', regions: [], topics: [], sources: [{ feedTitle: 'Example Wire' }], ...fields };
}

function matches(query: string, fields: Partial<MatchableStory>): boolean {
  const parsed = parseAlertQuery(query, { resolveRegion: (id) => MACRO_REGIONS[id] ?? null });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return matchStory(compileAlertQuery(parsed.query), prepareStory(story(fields)));
}

const breakout = story({
  title: 'Dozens of inmates escape from Ghwayran prison in Hasakah',
  summary: 'Islamic State fighters attacked the prison overnight; some escapees are still at large, officials said.',
  regions: ['SY'],
  topics: ['prison-break'],
  sources: [{ feedTitle: 'Reuters World News' }, { feedTitle: 'Al Jazeera English' }],
});

describe('matching words', () => {
  it('matches a word in the title or the summary, whatever its case', () => {
    expect(matches('GHWAYRAN', breakout)).toBe(true);
    expect(matches('escapees', breakout)).toBe(true);
    expect(matches('airstrike', breakout)).toBe(false);
  });

  it('matches whole words only', () => {
    expect(matches('prisons', breakout)).toBe(false);
    expect(matches('cape', breakout)).toBe(false);
    expect(matches('war', story({ title: 'Journalist wins award' }))).toBe(false);
  });

  it('needs every term when they are joined by AND or written side by side', () => {
    expect(matches('prison Hasakah', breakout)).toBe(true);
    expect(matches('prison AND Raqqa', breakout)).toBe(false);
  });

  it('needs one of the terms joined by OR', () => {
    expect(matches('breakout OR escape', breakout)).toBe(true);
    expect(matches('breakout OR jailbreak', breakout)).toBe(false);
  });

  it('excludes stories with a word after NOT or -', () => {
    expect(matches('prison -drill', breakout)).toBe(true);
    expect(matches('prison -Hasakah', breakout)).toBe(false);
    expect(matches('prison NOT (Raqqa OR Hasakah)', breakout)).toBe(false);
  });

  it('lets a rule of only NOT match any story without the word', () => {
    expect(matches('NOT football', breakout)).toBe(true);
    expect(matches('NOT prison', breakout)).toBe(false);
  });

  it('applies precedence: a OR b c means a OR (b AND c)', () => {
    const s = story({ title: 'Shelling in Kharkiv' });
    expect(matches('shelling OR prison Hasakah', s)).toBe(true);
    expect(matches('(shelling OR prison) Hasakah', s)).toBe(false);
  });
});

describe('matching phrases and prefixes', () => {
  it('matches a phrase only with its words side by side and in order', () => {
    expect(matches('"Ghwayran prison"', breakout)).toBe(true);
    expect(matches('"prison Ghwayran"', breakout)).toBe(false);
    expect(matches('"inmates prison"', breakout)).toBe(false);
  });

  it('ignores punctuation between the words of a phrase', () => {
    expect(matches('"prison overnight"', breakout)).toBe(true);
    expect(matches('"overnight some"', breakout)).toBe(true);
  });

  it('does not match a phrase across the end of the title and the start of the summary', () => {
    expect(matches('"Hasakah Islamic"', breakout)).toBe(false);
    expect(matches('"Islamic State"', breakout)).toBe(true);
  });

  it('matches a hyphenated word with or without its hyphen', () => {
    const camp = story({ title: 'Repatriation flights leave al-Hol camp' });
    expect(matches('al-Hol', camp)).toBe(true);
    expect(matches('"al hol"', camp)).toBe(true);
    expect(matches('hol', camp)).toBe(true);
  });

  it('matches every word starting with a prefix*', () => {
    expect(matches('escap*', breakout)).toBe(true);
    expect(matches('escapee*', breakout)).toBe(true);
    expect(matches('jailbr*', breakout)).toBe(false);
    expect(matches('scape*', breakout)).toBe(false);
  });

  it('finds prefixes in a long story with many different words', () => {
    const summary = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ') + ' escaped inmates';
    const long = story({ title: 'Long report', summary });
    expect(matches('escap*', long)).toBe(true);
    expect(matches('"word299 escap*"', long)).toBe(true);
    expect(matches('"escaped inm*"', long)).toBe(true);
    expect(matches('word29* NEAR/1 escap*', long)).toBe(true);
    expect(matches('zzz*', long)).toBe(false);
  });

  it('matches a phrase whose last word is a prefix', () => {
    expect(matches('"some escap*"', breakout)).toBe(true);
    expect(matches('"Ghwayran pris*"', breakout)).toBe(true);
    expect(matches('"Ghwayran jail*"', breakout)).toBe(false);
  });
});

describe('matching NEAR/n', () => {
  const s = story({ title: 'Prisoners moved from the old central jail to a new facility', summary: 'Guards say the transfer was planned.' });

  it('matches terms at most n words apart in either order', () => {
    expect(matches('prisoners NEAR/2 moved', s)).toBe(true);
    expect(matches('moved NEAR/1 prisoners', s)).toBe(true);
    expect(matches('prisoners NEAR/5 jail', s)).toBe(true);
    expect(matches('prisoners NEAR/4 jail', s)).toBe(false);
    expect(matches('jail NEAR/5 prisoners', s)).toBe(true);
  });

  it('counts the words in between: NEAR/1 allows one, side by side always matches', () => {
    expect(matches('old NEAR/1 jail', s)).toBe(true);
    expect(matches('the NEAR/1 jail', s)).toBe(false);
    expect(matches('central NEAR/1 jail', s)).toBe(true);
  });

  it('measures from the end of a phrase to the start of the other term', () => {
    expect(matches('"central jail" NEAR/3 facility', s)).toBe(true);
    expect(matches('"central jail" NEAR/2 facility', s)).toBe(false);
    expect(matches('facility NEAR/3 "central jail"', s)).toBe(true);
  });

  it('takes prefixes and OR-groups as operands', () => {
    expect(matches('(jail OR prison) NEAR/2 centr*', s)).toBe(true);
    expect(matches('(escape OR breakout) NEAR/10 jail', s)).toBe(false);
  });

  it('needs two occurrences when both sides are the same word', () => {
    expect(matches('jail NEAR/5 jail', s)).toBe(false);
    expect(matches('jail NEAR/5 jail', story({ title: 'Jail after jail' }))).toBe(true);
  });

  it('does not reach from the title into the summary', () => {
    expect(matches('facility NEAR/1 guards', s)).toBe(false);
    expect(matches('facility NEAR/50 guards', s)).toBe(false);
  });

  it('restricts a title: operand to the title', () => {
    expect(matches('title:transfer NEAR/3 planned', s)).toBe(false);
    expect(matches('transfer NEAR/3 planned', s)).toBe(true);
  });
});

describe('matching fields', () => {
  it('matches title: only in the title', () => {
    expect(matches('title:prison', breakout)).toBe(true);
    expect(matches('title:escapees', breakout)).toBe(false);
    expect(matches('title:"Ghwayran prison"', breakout)).toBe(true);
    expect(matches('title:(breakout OR escape)', breakout)).toBe(true);
    expect(matches('title:(overnight OR attacked)', breakout)).toBe(false);
    expect(matches('title:escapee*', breakout)).toBe(false);
  });

  it('negates inside title: against the title alone', () => {
    expect(matches('title:(prison -attacked)', breakout)).toBe(true);
    expect(matches('prison -attacked', breakout)).toBe(false);
  });

  it('matches region: by country code and by macro-region', () => {
    expect(matches('region:SY', breakout)).toBe(true);
    expect(matches('region:iq', breakout)).toBe(false);
    expect(matches('region:middle-east', breakout)).toBe(true);
    expect(matches('region:sahel-west-africa', breakout)).toBe(false);
    expect(matches('region:SY', { ...breakout, regions: ['sy'] })).toBe(true);
  });

  it('matches topic: by id', () => {
    expect(matches('topic:prison-break', breakout)).toBe(true);
    expect(matches('topic:detainee-transfer', breakout)).toBe(false);
  });

  it('matches source: against the title of any feed that carried the story', () => {
    expect(matches('source:reuters', breakout)).toBe(true);
    expect(matches('source:"Al Jazeera"', breakout)).toBe(true);
    expect(matches('source:"Jazeera Al"', breakout)).toBe(false);
    expect(matches('source:jazee*', breakout)).toBe(true);
    expect(matches('source:"BBC News"', breakout)).toBe(false);
  });

  it('combines fields with text', () => {
    expect(matches('region:middle-east topic:prison-break -source:BBC (escap* NEAR/5 prison)', breakout)).toBe(true);
  });
});

describe('case, diacritics and scripts', () => {
  it('ignores accents on either side', () => {
    const s = story({ title: 'Attaque à Ménaka et en Côte d\u2019Ivoire', summary: '\u1e24asakah and \u015eanl\u0131urfa' });
    expect(matches('menaka', s)).toBe(true);
    expect(matches('"cote d\'ivoire"', s)).toBe(true);
    expect(matches('hasakah', s)).toBe(true);
    expect(matches('Ḥasakah', story({ title: 'Hasakah' }))).toBe(true);
    expect(matches('sanl*', s)).toBe(true);
  });

  it('folds full-width letters and ligatures', () => {
    expect(matches('prison', story({ title: '\uff30\uff32\uff29\uff33\uff2f\uff2e' }))).toBe(true);
    expect(matches('fighters', story({ title: '\ufb01ghters' }))).toBe(true);
  });

  it.each([
    ['alef with hamza above', 'أحمد', 'احمد'],
    ['alef with hamza below', 'إدلب', 'ادلب'],
    ['alef with madda', 'آمرلي', 'امرلي'],
    ['alef wasla', 'ٱلسجن', 'السجن'],
    ['teh marbuta', 'مدرسة', 'مدرسه'],
    ['alef maksura', 'مستشفى', 'مستشفي'],
    ['tatweel', 'ســـجن', 'سجن'],
    ['harakat', 'سِجْنٌ', 'سجن'],
  ])('matches Arabic across %s (%s / %s)', (_, written, plain) => {
    expect(matches(plain, story({ title: `هروب من ${written} اليوم` }))).toBe(true);
    expect(matches(written, story({ title: `هروب من ${plain} اليوم` }))).toBe(true);
  });

  it('matches an Arabic phrase and NEAR', () => {
    const s = story({ title: 'فرار عشرات السجناء من سجن غويران في الحسكة' });
    expect(matches('"سجن غويران"', s)).toBe(true);
    expect(matches('فرار NEAR/3 السجناء', s)).toBe(true);
    expect(matches('فرار NEAR/3 الحسكة', s)).toBe(false);
  });

  it('joins words split by an apostrophe and drops the English possessive', () => {
    expect(matches('assad', story({ title: "Assad's forces shell Idlib" }))).toBe(true);
    expect(matches('numan', story({ title: 'Clashes near Ma\u2019arrat al-Nu\u2019man' }))).toBe(true);
    expect(matches("nu'man", story({ title: 'Clashes near Maarrat al-Numan' }))).toBe(true);
    expect(matches('nuʿman', story({ title: 'Clashes near Maarrat al-Numan' }))).toBe(true);
  });

  it('finds the word after a French elision, alone and in phrases', () => {
    const s = story({ title: "L'évasion de 20 détenus en Côte d'Ivoire", summary: "Aujourd'hui, l’armée les recherche." });
    expect(matches('evasion', s)).toBe(true);
    expect(matches("l'évasion", s)).toBe(true);
    expect(matches('"evasion de 20"', s)).toBe(true);
    expect(matches('ivoire', s)).toBe(true);
    expect(matches('"cote ivoire"', s)).toBe(true);
    expect(matches('"armee les recherche"', s)).toBe(true);
    expect(matches("aujourd'hui NEAR/2 recherche", s)).toBe(true);
  });

  it('searches Chinese and Japanese text character by character', () => {
    const s = story({ title: '叙利亚监狱发生越狱事件' });
    expect(matches('"监狱"', s)).toBe(true);
    expect(matches('监狱', s)).toBe(true);
    expect(matches('"狱监"', s)).toBe(false);
  });
});

describe('bounded work on hostile stories', () => {
  it('answers NEAR and prefix rules on a story of a million repeated words', () => {
    const summary = 'escape '.repeat(1_000_000);
    expect(matches('(escape OR esc*) NEAR/50 "escape escape" -prison', story({ summary }))).toBe(true);
    expect(matches('escape NEAR/50 prison', story({ summary }))).toBe(false);
  });

  it(`searches the first ${MAX_STORY_WORDS.toLocaleString('en-US')} words of a story and ignores the rest`, () => {
    const summary = `${'filler '.repeat(MAX_STORY_WORDS)} breakout`;
    expect(matches('filler', story({ summary }))).toBe(true);
    expect(matches('breakout', story({ summary }))).toBe(false);
  });
});

describe('event conditions', () => {
  const compiled = (query: string) => {
    const parsed = parseAlertQuery(query);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return compileAlertQuery(parsed.query);
  };
  const event = (independent: number, level: MatchableEvent['corroboration']['level'], breaking = false): MatchableEvent => ({ sources: { independent }, corroboration: { level }, breaking });

  it('keeps the conditions apart from the words: the words match the story, the conditions its event', () => {
    const rule = compiled('escape* sources>=3 breaking:false');
    expect(rule.eventConditions).toEqual([{ kind: 'sources', min: 3 }, { kind: 'breaking', value: false }]);
    expect(matchStory(rule, prepareStory(breakout))).toBe(true);
    expect(matchEvent(rule, event(3, 'corroborated'))).toBe(true);
    expect(matchEvent(rule, event(2, 'corroborated'))).toBe(false);
    expect(matchEvent(rule, event(4, 'corroborated', true))).toBe(false);
  });

  it('matches every story with a rule made only of conditions', () => {
    const rule = compiled('sources>=5');
    expect(matchStory(rule, prepareStory(story({ title: 'Anything at all' })))).toBe(true);
    expect(matchEvent(rule, event(5, 'widely-reported'))).toBe(true);
  });

  it('calls an event corroborated unless it rests on one source or on official statements only', () => {
    const corroborated = compiled('corroborated:true');
    expect(['single-source', 'official-only', 'corroborated', 'wire-and-others', 'widely-reported'].filter((level) => isCorroborated(level as never))).toEqual(['corroborated', 'wire-and-others', 'widely-reported']);
    expect(matchEvent(corroborated, event(2, 'official-only'))).toBe(false);
    expect(matchEvent(corroborated, event(2, 'wire-and-others'))).toBe(true);
    expect(matchEvent(compiled('corroborated:false'), event(1, 'single-source'))).toBe(true);
    expect(compiled('escape').eventConditions).toEqual([]);
  });
});
