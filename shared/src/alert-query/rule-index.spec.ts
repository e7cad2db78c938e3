import {
  AlertRuleIndex,
  AlertTermStatistics,
  compileAlertQuery,
  matchStory,
  parseAlertQuery,
  prepareStory,
  requiredTerms,
  type CompiledAlertQuery,
  type MatchableStory,
  type PreparedStory,
  type RequiredTerm,
} from './index';

const MACRO_REGIONS: Record<string, string[]> = { 'middle-east': ['SY', 'IQ', 'LB'], 'sahel-west-africa': ['ML', 'BF', 'NE'] };

function compile(text: string): CompiledAlertQuery {
  const parsed = parseAlertQuery(text, { resolveRegion: (id) => MACRO_REGIONS[id] ?? null });
  if (!parsed.ok) throw new Error(`${JSON.stringify(text)}: ${parsed.error.message}`);
  return compileAlertQuery(parsed.query);
}

function story(title: string, summary = '', fields: Partial<MatchableStory> = {}): PreparedStory {
  return prepareStory({ title, summary, regions: [], topics: [], sources: [{ feedTitle: 'Example Wire' }], ...fields });
}

/** A small deterministic PRNG so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function containsTerm(s: PreparedStory, term: RequiredTerm): boolean {
  switch (term.kind) {
    case 'word':
      return s.positions.has(term.word);
    case 'prefix':
      return s.hasWordStartingWith(term.prefix);
    case 'region':
      return s.regions.has(term.country);
    case 'topic':
      return s.topics.has(term.topic);
    case 'source':
      return s.sources.some((title) => title.includes(term.word));
  }
}

describe('requiredTerms', () => {
  const terms = (text: string) => requiredTerms(compile(text));

  it('requires the word of a one-word rule', () => {
    expect(terms('breakout')).toEqual([{ kind: 'word', word: 'breakout' }]);
  });

  it('requires one alternative from each branch of an OR', () => {
    expect(terms('escape OR "prison break" OR region:middle-east')).toEqual(
      expect.arrayContaining([
        { kind: 'word', word: 'escape' },
        { kind: 'region', country: 'SY' },
        { kind: 'region', country: 'IQ' },
        { kind: 'region', country: 'LB' },
      ]),
    );
  });

  it('requires only the rarest side of an AND, and skips its NOT parts', () => {
    expect(terms('the Ghwayran -drill')).toEqual([{ kind: 'word', word: 'ghwayran' }]);
    expect(terms('NOT drill topic:prison-break')).toEqual([{ kind: 'topic', topic: 'prison-break' }]);
  });

  it('uses the prefix of a prefix* term', () => {
    expect(terms('escap*')).toEqual([{ kind: 'prefix', prefix: 'escap' }]);
  });

  it('returns null when a rule can match a story containing none of its terms', () => {
    expect(terms('NOT football')).toBeNull();
    expect(terms('escape OR NOT football')).toBeNull();
    expect(terms('source:reut*')).toBeNull();
  });

  it('follows the frequencies it is given', () => {
    const query = compile('region:SY escape');
    expect(requiredTerms(query)).toEqual([{ kind: 'region', country: 'SY' }]);
    expect(requiredTerms(query, { estimateFrequency: (t) => (t.kind === 'region' ? 0.5 : 0.001) })).toEqual([{ kind: 'word', word: 'escape' }]);
  });
});

describe('AlertRuleIndex', () => {
  it('tests a story only against the rules whose required terms it contains', () => {
    const index = new AlertRuleIndex<number>();
    for (let i = 0; i < 1_000; i++) index.add(i, compile(`place${i} (escape OR breakout)`));
    index.add(1_000, compile('NOT football'));
    const s = story('Breakout at place17 and place512 prisons');
    expect(index.candidates(s).sort((a, b) => a - b)).toEqual([17, 512, 1_000]);
    expect(index.match(s).sort((a, b) => a - b)).toEqual([17, 512, 1_000]);
    // Rules made only of words and OR-lists are decided by their clause counts; only NOT football was tested.
    expect(index.stats()).toEqual({ rules: 1_001, unindexed: 1, decidedByIndex: 1_000, storiesMatched: 1, candidates: 3, tested: 1 });
  });

  it('files a rule by its words alone and leaves its event conditions to the caller; a rule of conditions only is tested on every story', () => {
    const index = new AlertRuleIndex<string>();
    index.add('words', compile('escape prison sources>=3'));
    index.add('conditions', compile('sources>=5 breaking:true'));
    index.add('other', compile('airstrike corroborated:true'));
    expect(index.match(story('Prison escape in Hasakah')).sort()).toEqual(['conditions', 'words']);
    expect(index.match(story('Markets rally'))).toEqual(['conditions']);
    expect(index.stats()).toMatchObject({ rules: 3, unindexed: 1, decidedByIndex: 3 });
  });

  it('finds prefix rules through the first letters of the story words', () => {
    const index = new AlertRuleIndex<string>();
    index.add('long', compile('escap*'));
    index.add('short', compile('es*'));
    index.add('other', compile('jailbr*'));
    expect(index.match(story('Inmates escaped overnight')).sort()).toEqual(['long', 'short']);
    expect(index.match(story('Es ist vorbei'))).toEqual(['short']);
  });

  it('finds rules by region, topic and source', () => {
    const index = new AlertRuleIndex<string>();
    index.add('region', compile('region:middle-east'));
    index.add('topic', compile('topic:prison-break'));
    index.add('source', compile('source:"Al Jazeera"'));
    const s = story('Nothing in common', '', { regions: ['IQ'], topics: ['prison-break'], sources: [{ feedTitle: 'Al Jazeera English' }] });
    expect(index.match(s).sort()).toEqual(['region', 'source', 'topic']);
    expect(index.match(story('Nothing in common'))).toEqual([]);
  });

  it('forgets a removed rule and replaces a rule added again under the same id', () => {
    const index = new AlertRuleIndex<string>();
    index.add('r1', compile('escape'));
    index.add('r2', compile('escape OR breakout'));
    expect(index.remove('r1')).toBe(true);
    expect(index.remove('r1')).toBe(false);
    expect(index.match(story('Mass escape'))).toEqual(['r2']);
    index.add('r2', compile('breakout'));
    expect(index.match(story('Mass escape'))).toEqual([]);
    expect(index.match(story('Mass breakout'))).toEqual(['r2']);
    index.add('r3', compile('escape'));
    expect(index.match(story('Mass escape'))).toEqual(['r3']);
    expect(index.size).toBe(2);
  });

  it('matches a story prepared before a rule with new words was added', () => {
    const index = new AlertRuleIndex<string>();
    const s = story('Guards overpowered at Zxqwarta detention centre');
    index.add('new-words', compile('zxqwarta overpowered'));
    index.add('new-phrase', compile('"zxqwarta detention"'));
    expect(index.match(s).sort()).toEqual(['new-phrase', 'new-words']);
    expect(matchStory(compile('title:zxqwarta'), s)).toBe(true);
  });

  it('counts a prefix once when several words of the story start with it', () => {
    const index = new AlertRuleIndex<string>();
    index.add('two', compile('escap* prison'));
    expect(index.candidates(story('Escaped inmates and escapees seen near the camp'))).toEqual([]);
    expect(index.match(story('Escaped inmates and escapees seen near the prison'))).toEqual(['two']);
  });

  it('counts an OR-list once when the story contains several of its words', () => {
    const index = new AlertRuleIndex<string>();
    index.add('either', compile('(escape OR breakout) region:SY'));
    expect(index.match(story('Escape and breakout'))).toEqual([]);
    expect(index.match(story('Escape and breakout', '', { regions: ['SY'] }))).toEqual(['either']);
  });

  it('files rules under the terms that term statistics show to be rare', () => {
    const statistics = new AlertTermStatistics(10);
    for (let i = 0; i < 50; i++) statistics.observe(story(`Gaza update ${i}`, '', { regions: ['PS'] }));
    statistics.observe(story('Rafah crossing reopens', '', { regions: ['PS'] }));
    const query = compile('gaza rafah');
    expect(requiredTerms(query, { estimateFrequency: statistics.frequency })).toEqual([{ kind: 'word', word: 'rafah' }]);
    const index = new AlertRuleIndex<string>({ estimateFrequency: statistics.frequency });
    index.add('both', query);
    expect(index.candidates(story('Gaza update'))).toEqual([]);
    expect(index.match(story('Gaza: Rafah crossing'))).toEqual(['both']);
  });

  it('indexes and matches the largest rules the parser accepts', () => {
    const index = new AlertRuleIndex<string>();
    const pairs = Array.from({ length: 140 }, (_, i) => `(a${i} b${i})`).join(' OR ');
    const words = Array.from({ length: 420 }, (_, i) => `w${i}`).join(' ');
    const nested = `${'('.repeat(30)}escape OR prison${')'.repeat(30)} ${Array.from({ length: 300 }, (_, i) => `-x${i}`).join(' ')}`;
    for (const [id, text] of [['pairs', pairs], ['words', words], ['nested', nested]]) {
      expect(text.length).toBeLessThanOrEqual(2_000);
      index.add(id, compile(text));
    }
    expect(index.match(story('a42 met b42', 'escape')).sort()).toEqual(['nested', 'pairs']);
    expect(index.match(story(Array.from({ length: 420 }, (_, i) => `w${i}`).join(' ')))).toEqual(['words']);
  });

  it('returns the same matches as testing every rule, on random rules and stories', () => {
    const random = seeded(20261125);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const vocabulary = ['prison', 'escape', 'escaped', 'escapees', 'breakout', 'jail', 'inmates', 'hasakah', 'idlib', 'raqqa', 'attack', 'camp', 'al', 'hol', 'transfer', 'detainees', 'guards', 'fled', 'syria', 'court', 'سجن', 'هروب', 'Ménaka', 'the', 'of'];
    const feeds = ['Reuters World', 'Al Jazeera English', 'BBC News', 'Sahel Watch'];
    const regions = ['SY', 'IQ', 'LB', 'ML', 'NE', 'UA'];
    const topics = ['prison-break', 'detainee-transfer', 'airstrike', 'protest'];

    const term = (): string => {
      const word = pick(vocabulary);
      const roll = random();
      if (roll < 0.45) return word;
      if (roll < 0.6) return `"${word} ${pick(vocabulary)}"`;
      if (roll < 0.7 && word.length >= 4) return `${word.slice(0, 2 + Math.floor(random() * 3))}*`;
      if (roll < 0.75) return `title:${word}`;
      if (roll < 0.8) return `region:${pick([...regions, 'middle-east', 'sahel-west-africa'])}`;
      if (roll < 0.85) return `topic:${pick(topics)}`;
      if (roll < 0.9) return `source:"${pick(feeds).split(' ')[0]}"`;
      if (roll < 0.95) return `(${pick(vocabulary)} OR ${pick(vocabulary)}) NEAR/${1 + Math.floor(random() * 6)} ${pick(vocabulary)}`;
      return `title:(${pick(vocabulary)} OR ${pick(vocabulary)})`;
    };
    const expression = (depth: number): string => {
      const roll = random();
      if (depth === 0 || roll < 0.35) return term();
      if (roll < 0.5) return `NOT ${expression(depth - 1)}`;
      if (roll < 0.6) return `-${term()}`;
      const parts = Array.from({ length: 2 + Math.floor(random() * 2) }, () => expression(depth - 1));
      const joiner = pick([' ', ' AND ', ' OR ', ' OR ']);
      return `(${parts.join(joiner)})`;
    };

    const rules = Array.from({ length: 600 }, (_, id) => ({ id, compiled: compile(expression(3)) }));
    const index = new AlertRuleIndex<number>();
    for (const rule of rules) index.add(rule.id, rule.compiled);
    // A second index filed by measured frequencies, then refiled, must agree as well.
    const statistics = new AlertTermStatistics(1);
    const learned = new AlertRuleIndex<number>({ estimateFrequency: statistics.frequency });
    for (const rule of rules) learned.add(rule.id, rule.compiled);

    const words = (n: number) => Array.from({ length: n }, () => (random() < 0.5 ? pick(vocabulary) : pick(['and', 'said', 'on', 'officials', 'new']))).join(' ');
    let matched = 0;
    let candidates = 0;
    for (let n = 0; n < 400; n++) {
      const s = prepareStory({
        title: words(4 + Math.floor(random() * 6)),
        summary: words(Math.floor(random() * 30)),
        regions: regions.filter(() => random() < 0.2),
        topics: topics.filter(() => random() < 0.2),
        sources: feeds.filter(() => random() < 0.4).map((feedTitle) => ({ feedTitle })),
      });
      const bruteForce = rules.filter((r) => matchStory(r.compiled, s)).map((r) => r.id);
      expect(index.match(s).sort((a, b) => a - b)).toEqual(bruteForce);
      expect(learned.match(s).sort((a, b) => a - b)).toEqual(bruteForce);
      statistics.observe(s);
      if (n === 100) learned.reindex();
      for (const rule of rules) {
        const required = requiredTerms(rule.compiled);
        if (required && matchStory(rule.compiled, s)) expect(required.some((t) => containsTerm(s, t))).toBe(true);
      }
      matched += bruteForce.length;
      candidates += index.candidates(s).length;
    }
    // The comparison means something only if stories match some rules and the index skips others.
    expect(matched).toBeGreaterThan(400);
    expect(candidates).toBeLessThan(rules.length * 400);
  });
});
