import { inflections, MAX_FILE_FORMS, MAX_LINE_FORMS, MAX_PHRASE_FORMS, parseTopicRules } from './topic-rules';
import { loadDefaultRulesText } from './rules-file';

function errorsOf(text: string) {
  const r = parseTopicRules(text);
  if (r.ok) throw new Error('expected the rules to be rejected');
  return r.errors;
}

describe('parseTopicRules', () => {
  it('accepts the shipped rule file and covers every taxonomy topic', () => {
    const r = parseTopicRules(loadDefaultRulesText());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rules.topics.map((t) => t.id).sort()).toEqual(
      ['abduction', 'airstrike', 'armed-clash', 'arms-sanctions', 'arrest-raid', 'bombing', 'ceasefire-talks', 'civilian-harm', 'detainee-transfer', 'humanitarian', 'militant-threat', 'prison-break', 'prisoner-release', 'protest', 'repatriation', 'shelling', 'trial-justice', 'troop-movement'].sort(),
    );
  });

  it('parses weights, thresholds, lists and clauses', () => {
    const r = parseTopicRules(
      ['# comment', 'define @custody: prison*, jail', 'topic prison-break threshold 4', '3  escape* ; near 8: @custody ; not near 3: tv, netflix', '2  manhunt ; with: escaped ; without: film'].join('\n'),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rules.topics).toEqual([{ id: 'prison-break', threshold: 4, line: 3 }]);
    const [escape, manhunt] = r.rules.rules;
    expect(escape).toMatchObject({ topic: 'prison-break', weight: 3, line: 4 });
    expect(escape.sequences).toEqual(expect.arrayContaining([['escaped'], ['escapes'], ['escaping']]));
    expect(escape.near[0].window).toBe(8);
    expect(escape.notNear[0].window).toBe(3);
    expect(manhunt.withAny).toHaveLength(1);
    expect(manhunt.without).toHaveLength(1);
  });

  it('expands alternatives inside a word and between whole phrases', () => {
    const r = parseTopicRules('topic bombing\n3  car|truck bomb | suicide attack\n');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rules.rules[0].sequences).toEqual([['car', 'bomb'], ['truck', 'bomb'], ['suicide', 'attack']]);
  });

  it('normalises phrases like story text (case, accents, Arabic letters, hyphens)', () => {
    const r = parseTopicRules('topic humanitarian\n3  Réfugiés | counter-attack | مساعدات إنسانية\n');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.rules.rules[0].sequences).toEqual([['refugies'], ['counter', 'attack'], ['مساعدات', 'انسانيه']]);
  });

  describe('rejects a bad file with the line and the reason', () => {
    it.each([
      ['3  escape*', 1, /before any "topic/],
      ['topic prison-break\nescape prison', 2, /expected a rule/],
      ['topic prison-break\n0  escape', 2, /weight 0/],
      ['topic prison-break\n11  escape', 2, /between -10 and 10/],
      ['topic Prison_Break\n3  escape', 1, /lower-case words joined by hyphens/],
      ['topic prison-break threshold zero\n3  escape', 1, /threshold "zero"/],
      ['topic prison-break threshold\n3  escape', 1, /expected "topic prison-break threshold <number>"/],
      ['topic prison-break\n3  escape ; near 80: prison', 2, /window 80/],
      ['topic prison-break\n3  escape ; near: prison', 2, /unknown clause/],
      ['topic prison-break\n3  escape ; near 5: @custody', 2, /unknown list @custody/],
      ['topic prison-break\n3  escape ; near 5: prison, , jail', 2, /empty item/],
      ['topic prison-break\n3  esc*ape', 2, /"\*" may only end a word/],
      ['topic prison-break\n3  escape(s)?', 2, /characters other than letters/],
      ['topic prison-break\n3  a b c d e f g h i', 2, /more than 8 words/],
      ['topic prison-break\n3  escape||flee', 2, /empty alternative/],
      ['define custody: prison\ntopic prison-break\n3 escape', 1, /must start with @/],
      ['define @c: prison\ndefine @c: jail\ntopic prison-break\n3 escape', 2, /already defined/],
      ['topic prison-break\n3  escape\ntopic prison-break\n3  flee', 3, /appears twice/],
      ['topic prison-break\n-3  netflix', 1, /no rule with a positive weight/],
      ['# nothing here', 1, /no "topic <id>" section/],
    ])('%j -> line %i', (text, line, message) => {
      const errors = errorsOf(text);
      expect(errors[0].line).toBe(line);
      expect(errors[0].message).toMatch(message);
    });

    it('reports every bad line, not just the first', () => {
      const errors = errorsOf('topic a\n3  ok\nnonsense\n0  zero\n3  fine ; near 99: x');
      expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    });

    it('refuses a phrase that expands to an unbounded number of forms', () => {
      const errors = errorsOf(`topic a\n3  ${Array.from({ length: 4 }, () => 'a*|b*|c*').join(' ')}`);
      expect(errors[0].message).toMatch(/expands to more than/);
    });
  });
});

describe('expansion bounds', () => {
  /** A word of `n` alternatives: "x0|x1|...". */
  const alternatives = (prefix: string, n: number, star = '') => Array.from({ length: n }, (_, i) => `${prefix}${i.toString(36)}${star}`).join('|');
  /** Rule lines that each stay under the phrase bound, repeated to about 195 KB. */
  const multiplyingFile = (line: string) => {
    const lines = ['topic hostile'];
    while (lines.join('\n').length < 195_000) lines.push(line);
    return lines.join('\n');
  };

  it('counts the forms of the shipped file well inside the file bound', () => {
    const r = parseTopicRules(loadDefaultRulesText());
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const forms = r.rules.rules.reduce((n, rule) => n + rule.sequences.length, 0) + r.rules.terms.reduce((n, term) => n + term.length, 0);
    expect(forms).toBeLessThan(MAX_FILE_FORMS / 2);
  });

  it('refuses, within a second and naming the line, a file whose lines multiply to millions of phrases', () => {
    // 17 x 17 x 17 = 4,913 forms a line, under the phrase bound; 1,250 lines make six million.
    const text = multiplyingFile(`3  ${alternatives('x', 17)} ${alternatives('y', 17)} ${alternatives('z', 17)}`);
    const started = Date.now();
    const errors = errorsOf(text);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors).toEqual([{ line: 22, message: expect.stringMatching(/^the file expands to more than 100000 forms in all by this line/) }]);
  });

  it.each([
    ['one word of thousands of starred alternatives', `3  ${alternatives('w', 30_000, '*')}`],
    ['thousands of whole phrases', `3  ${Array.from({ length: 20_000 }, (_, i) => `p${i}`).join(' | ')}`],
    ['eight words that multiply', `3  ${Array.from({ length: 8 }, (_, i) => alternatives(`q${i}`, 6, '*')).join(' ')}`],
  ])('refuses %s without building the forms', (_what, line) => {
    const started = Date.now();
    const errors = errorsOf(`topic hostile\n${line}`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors[0]).toEqual({ line: 2, message: expect.stringMatching(/^phrase ".{1,60}" expands to more than 5000 forms/) });
  });

  it('refuses a line whose phrase and clause terms add up past the line bound', () => {
    const terms = Array.from({ length: 4 }, (_, i) => `${alternatives(`n${i}`, 60)} ${alternatives(`m${i}`, 60)}`).join(', ');
    const errors = errorsOf(`topic a\n3  escape ; near 5: ${terms}`);
    expect(errors[0]).toEqual({ line: 2, message: expect.stringMatching(/^this line expands to more than 10000 forms in all/) });
  });

  it('accepts a file that stays inside every bound', () => {
    expect(MAX_PHRASE_FORMS).toBeLessThanOrEqual(MAX_LINE_FORMS);
    const r = parseTopicRules(`topic a\n3  ${alternatives('x', 70)} ${alternatives('y', 70)}\n3  ${alternatives('z', 70)} ${alternatives('v', 70)}`);
    expect(r.ok).toBe(true);
  });
});

describe('inflections', () => {
  it('adds the common endings with the usual spelling changes', () => {
    expect(inflections('kidnap')).toEqual(expect.arrayContaining(['kidnaps', 'kidnapped', 'kidnapping', 'kidnapper', 'kidnappers']));
    expect(inflections('negotiate')).toEqual(expect.arrayContaining(['negotiated', 'negotiating', 'negotiation', 'negotiations', 'negotiator']));
    expect(inflections('atrocity')).toEqual(expect.arrayContaining(['atrocities']));
    expect(inflections('displace')).toEqual(expect.arrayContaining(['displaced', 'displacement']));
    expect(inflections('flee')).toEqual(expect.arrayContaining(['flees', 'fleeing']));
  });
});
