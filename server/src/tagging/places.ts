/**
 * Finds places in a story and decides which of them are clearly resolved.
 *
 * Matching is a walk of the gazetteer trie over the story's tokens. Deciding is where the work
 * is: a name only counts when its surface looks like a proper noun (capitals, or an
 * abbreviation in capitals), when it is not part of a person's name ("Michael Jordan",
 * "Chad Smith"), when a common-word place has context ("near Reading"), and when a name that
 * several countries share is settled by the rest of the story (other places, cue words) or by
 * a clear default. Anything still unsettled is left out.
 */
import type { Place, TagEvidence } from '@sentinel/shared';
import type { AmbiguityReading, AmbiguityRule, Gazetteer, GazTarget } from './gazetteer';
import { PhraseTrie } from './phrase-trie';
import { skeleton, type Token } from './text';
import { UNKNOWN_WORD, wordId } from './vocabulary';

export interface StoryField {
  field: 'title' | 'summary';
  text: string;
  tokens: Token[];
  titleCase: boolean;
  /** Share of all-capital words, computed on first need. */
  upperShare?: number;
}

interface Mention {
  f: StoryField;
  start: number;
  end: number;
  text: string;
  targets: readonly GazTarget[];
  viaSkeleton: boolean;
}

interface Candidate {
  m: Mention;
  targets: GazTarget[];
}

interface Resolution {
  m: Mention;
  countries: string[];
  place: Place | undefined;
  rule: string;
}

export interface PlaceResult {
  regions: string[];
  places: Place[];
  why: TagEvidence[];
}

/** Words that start real place names ("Upper Nile", "Greater Idlib") rather than unknown ones. */
const NAME_PREFIXES = new Set(['upper', 'lower', 'greater', 'central', 'inner', 'outer', 'old', 'new', 'rural', 'al', 'el', 'the', 'grand', 'little', 'great', 'mount', 'lake', 'port', 'fort', 'saint', 'st', 'san', 'santa', 'sao']);

// The loose index holds names of five letters or more (see Gazetteer.addName), so skip short words.
const isBlocker = (t: GazTarget) => t.type === 'blocker';
const isAmbiguous = (t: GazTarget) => t.type === 'ambiguous';
const isAbbreviationTarget = (t: GazTarget) => (t.type === 'country' && t.via === 'upper') || (t.type === 'place' && t.place.curated);

const skeletonKey = (t: Token): number => (t.cap && !t.arabic && t.norm.length >= 3 ? wordId(skeleton(t.norm)) : UNKNOWN_WORD);

function targetCountries(t: GazTarget): string[] {
  switch (t.type) {
    case 'country':
      return [t.code];
    case 'place':
      return [t.place.country];
    default:
      return [];
  }
}

export class PlaceResolver {
  constructor(private readonly gaz: Gazetteer) {
    // Built up front: building adds the cue words to the vocabulary, which must happen before
    // any story is tokenised against it.
    for (const rule of gaz.ambiguityRules) this.cueTrie(rule);
  }

  resolve(fields: StoryField[]): PlaceResult {
    const mentions = this.scan(fields);
    if (mentions.length === 0) return { regions: [], places: [], why: [] };
    const candidates = this.surfaceFilter(mentions);
    const resolutions = this.settle(candidates, fields);
    return this.output(resolutions);
  }

  private scan(fields: StoryField[]): Mention[] {
    const out: Mention[] = [];
    for (const f of fields) {
      const toks = f.tokens;
      let i = 0;
      while (i < toks.length) {
        const exact = this.gaz.names.longestAt(toks, i);
        // The loose key only stands in when the exact spelling is unknown.
        // A word that some index knows as it is spelt is not a variant spelling of a place.
        const loose = !exact && toks[i].id === UNKNOWN_WORD && toks[i].cap && !toks[i].arabic && toks[i].norm.length >= 3 ? this.gaz.skeletons.longestAt(toks, i, skeletonKey) : undefined;
        const hit = loose ?? exact;
        if (!hit) {
          i++;
          continue;
        }
        const end = i + hit.length;
        out.push({ f, start: i, end, text: f.text.slice(toks[i].start, toks[end - 1].end), targets: hit.values, viaSkeleton: hit === loose });
        i = end;
      }
    }
    return out;
  }

  private hasCap(m: Mention): boolean {
    for (let i = m.start; i < m.end; i++) if (m.f.tokens[i].cap) return true;
    return false;
  }

  private allUpper(m: Mention): boolean {
    for (let i = m.start; i < m.end; i++) if (!m.f.tokens[i].upper) return false;
    // A shouting headline in capitals makes every word look like an abbreviation.
    if (m.f.upperShare === undefined) {
      let upper = 0;
      for (const t of m.f.tokens) if (t.upper) upper++;
      m.f.upperShare = upper / m.f.tokens.length;
    }
    return m.f.upperShare < 0.6;
  }

  /** "Michael Jordan", "Mr Chad", "Chad Smith to headline", "Victoria Beckham". */
  private looksLikePerson(m: Mention): boolean {
    const lex = this.gaz.lexicon;
    const toks = m.f.tokens;
    const prev = m.start > 0 ? toks[m.start - 1] : undefined;
    if (prev && prev.cap && !prev.hyphenNext && !prev.commaNext && (lex.firstNames.has(prev.norm) || lex.honorifics.has(prev.norm))) return true;
    if (m.end - m.start !== 1) return false;
    const self = toks[m.start];
    if (!lex.personNames.has(self.norm) && !lex.firstNames.has(self.norm)) return false;
    const next = m.end < toks.length ? toks[m.end] : undefined;
    if (!next || self.possessive || self.commaNext || self.hyphenNext) return false;
    if (m.f.titleCase || next.sentenceStart || !next.cap || next.upper) return false;
    if (lex.notPersonFollowers.has(next.norm) || lex.placeNouns.has(next.norm) || lex.nonPlaceFollowers.has(next.norm)) return false;
    // The next word is itself a known name ("Jordan Syria border"): a list, not a person.
    if (this.gaz.names.longestAt(toks, m.end)) return false;
    return true;
  }

  /**
   * "Cal Miskaad", "Bab al-Tabbaneh": a minor one-word place directly followed by another
   * capitalised word (or "al-" and one) is most likely the first word of a longer name we do
   * not know, not the place itself.
   */
  private partOfLongerName(m: Mention, targets: GazTarget[]): boolean {
    if (m.end - m.start !== 1 || m.f.titleCase) return false;
    const minor = targets.every((t) => t.type === 'place' && !t.place.curated && !t.place.capital && t.place.population < 200000);
    if (!minor) return false;
    const toks = m.f.tokens;
    const self = toks[m.start];
    const before = m.start > 0 ? toks[m.start - 1] : undefined;
    if (before && this.gaz.lexicon.orgNouns.has(before.norm)) return true;
    if (self.possessive || self.commaNext) return false;
    const prev = m.start > 0 ? toks[m.start - 1] : undefined;
    const lex = this.gaz.lexicon;
    // "Islam Qala": a capitalised word before a minor town, mid-sentence, that is neither a
    // place word nor a name we know, makes the pair one unknown name.
    if (prev && prev.cap && !prev.sentenceStart && !prev.upper && !prev.commaNext && !prev.possessive
      && !lex.locativeWords.has(prev.norm) && !NAME_PREFIXES.has(prev.norm) && !lex.honorifics.has(prev.norm)
      && !this.gaz.names.get([prev.norm])) return true;
    let next = toks[m.end];
    if (!next) return false;
    if (self.hyphenNext && (next.norm === 'al' || next.norm === 'el') && toks[m.end + 1]) next = toks[m.end + 1];
    if (!next.cap || next.sentenceStart || next.upper) return false;
    if (lex.placeNouns.has(next.norm) || lex.notPersonFollowers.has(next.norm) || lex.nonPlaceFollowers.has(next.norm)) return false;
    return !this.gaz.names.longestAt(toks, m.end);
  }

  private followedByNonPlaceNoun(m: Mention): boolean {
    const toks = m.f.tokens;
    const next = m.end < toks.length ? toks[m.end] : undefined;
    const last = toks[m.end - 1];
    return !!next && next.cap && !last.commaNext && !last.possessive && this.gaz.lexicon.nonPlaceFollowers.has(next.norm);
  }

  private surfaceFilter(mentions: Mention[]): Candidate[] {
    const out: Candidate[] = [];
    for (let idx = 0; idx < mentions.length; idx++) {
      const m = mentions[idx];
      if (m.targets.some(isBlocker)) continue;
      const cap = this.hasCap(m);
      let targets: GazTarget[] = [];
      for (const t of m.targets) {
        const keep = t.type === 'country' ? (t.via === 'upper' ? this.allUpper(m) : t.via === 'lower-demonym' || cap) : cap;
        if (keep) targets.push(t);
      }
      // "UN", "AU", "IS" in capitals are abbreviations, not the towns Un, Au or Is.
      if (this.shortUpper(m)) targets = targets.filter(isAbbreviationTarget);
      if (targets.length === 0) continue;
      if (this.looksLikePerson(m)) continue;
      if (this.followedByNonPlaceNoun(m)) continue;
      if (this.partOfLongerName(m, targets)) continue;
      // "Paris, Texas" / "Lebanon, Pa.": the name after the comma says which country to look in.
      const qualifier = this.commaQualifier(m, mentions[idx + 1]);
      if (qualifier?.stateAbbreviation) {
        // "Lebanon, Pa.": the abbreviation itself places the story in the United States.
        const tok = m.f.tokens[m.end];
        const abbr: Mention = { f: m.f, start: m.end, end: m.end + 1, text: m.f.text.slice(tok.start, Math.min(tok.end + 1, m.f.text.length)).replace(/,$/, ''), targets: [], viaSkeleton: false };
        out.push({ m: abbr, targets: [{ type: 'country', code: 'US', via: 'upper', label: 'United States (state abbreviation after a place name)' }] });
      }
      if (qualifier && !targetCountriesOf(targets).includes(qualifier.country) && !targetsAllowCountry(targets, qualifier.country)) continue;
      if (qualifier) targets = restrictTo(targets, qualifier.country);
      if (targets.length === 0) continue;
      out.push({ m, targets });
    }
    return this.dropGluedPlaces(out);
  }

  /**
   * "Ain Zara" (a Tripoli district) reads as the French département Ain followed by a Turkish
   * town Zara: two place names back to back, in different countries, with nothing between them,
   * are one name we do not know.
   */
  private dropGluedPlaces(cands: Candidate[]): Candidate[] {
    const glued = new Set<Candidate>();
    const placeOnly = (c: Candidate) => c.targets.every((t) => t.type === 'place' && !t.place.curated);
    for (let i = 0; i + 1 < cands.length; i++) {
      const a = cands[i];
      const b = cands[i + 1];
      if (a.m.f !== b.m.f || b.m.start !== a.m.end) continue;
      const last = a.m.f.tokens[a.m.end - 1];
      if (last.commaNext || last.possessive || last.hyphenNext) continue;
      if (!placeOnly(a) || !placeOnly(b)) continue;
      const shared = targetCountriesOf(a.targets).some((k) => targetCountriesOf(b.targets).includes(k));
      if (shared) continue;
      glued.add(a);
      glued.add(b);
    }
    return glued.size ? cands.filter((c) => !glued.has(c)) : cands;
  }

  private shortUpper(m: Mention): boolean {
    let letters = 0;
    for (let i = m.start; i < m.end; i++) {
      const t = m.f.tokens[i];
      if (!t.upper) return false;
      letters += t.norm.length;
    }
    return letters <= 5;
  }

  /**
   * "Paris, Texas" / "Lebanon, Pennsylvania" / "Lebanon, Pa.": a first-level division right
   * after a comma says which country the first name is in. Only a name that is nothing but a
   * division qualifies ("Seoul" is a city too), and a country name only qualifies a place, so
   * that "Russia, Ukraine agree" stays a list.
   */
  private commaQualifier(m: Mention, following: Mention | undefined): { country: string; stateAbbreviation?: boolean } | undefined {
    const toks = m.f.tokens;
    if (!toks[m.end - 1].commaNext || m.end >= toks.length) return undefined;
    const next = toks[m.end];
    if (next.cap && this.gaz.lexicon.usStateAbbreviations.has(next.norm) && !this.gaz.names.get([next.norm])) return { country: 'US', stateAbbreviation: true };
    if (!following || following.f !== m.f || following.start !== m.end) return undefined;
    const firstIsCountry = m.targets.some((t) => t.type === 'country' || t.type === 'ambiguous');
    const onlyDivisions = following.targets.every((t) => t.type === 'place' && t.place.kind === 'admin-region');
    const countryName = following.targets.every((t) => t.type === 'country' && t.via === 'name');
    if (!onlyDivisions && !(countryName && !firstIsCountry)) return undefined;
    const countries = new Set(following.targets.flatMap(targetCountries));
    if (countries.size !== 1) return undefined;
    return { country: [...countries][0] };
  }

  private needsContext(m: Mention, t: GazTarget): boolean {
    if (t.type !== 'place') return false;
    if (t.place.wordLike) return true;
    // Small towns and very short names collide with words, tools and surnames ("Vite", "Nan",
    // "Pong"); they count only with some support from the story.
    if (!t.place.curated && !t.place.capital && t.place.kind !== 'admin-region' && t.place.population < 15000) return true;
    if (!t.place.curated && m.end - m.start === 1 && m.f.tokens[m.start].norm.length <= 3) return true;
    if (m.end - m.start === 1 && this.gaz.lexicon.personNames.has(m.f.tokens[m.start].norm)) return true;
    // A loose spelling match on its own ("Sinner" ~ Sinnar) needs the story to back it up.
    if (m.viaSkeleton && !t.place.curated) return true;
    return false;
  }

  private hasLocalContext(m: Mention): boolean {
    const lex = this.gaz.lexicon;
    const toks = m.f.tokens;
    const first = toks[m.start];
    const prev = m.start > 0 ? toks[m.start - 1] : undefined;
    const next = m.end < toks.length ? toks[m.end] : undefined;
    if (m.f.titleCase && m.f.field === 'title') {
      return !!prev && lex.locativeWords.has(prev.norm);
    }
    if (first.sentenceStart) return !!next && lex.placeNouns.has(next.norm);
    return (!!prev && lex.locativeWords.has(prev.norm)) || (!!next && lex.placeNouns.has(next.norm));
  }

  /**
   * "the Karari district of Omdurman": the place word that would vouch for a minor town also
   * says it lies in another place; when that place is in a different country, the town is a
   * namesake (an Indian Karari) and not the place meant.
   */
  private partOfPlaceElsewhere(m: Mention, all: Candidate[], country: string): boolean {
    const toks = m.f.tokens;
    const noun = toks[m.end];
    if (!noun || !this.gaz.lexicon.placeNouns.has(noun.norm) || toks[m.end + 1]?.norm !== 'of') return false;
    const at = toks[m.end + 2]?.norm === 'the' ? m.end + 3 : m.end + 2;
    const owner = all.find((o) => o.m.f === m.f && o.m.start === at);
    if (!owner) return false;
    const ownerCountries = targetCountriesOf(owner.targets);
    return ownerCountries.length > 0 && !ownerCountries.includes(country);
  }

  /** "in Jordan", "eastern Chad", "Chad's capital", "Syria and Jordan". */
  private isLocative(m: Mention, all: Candidate[]): boolean {
    const lex = this.gaz.lexicon;
    const toks = m.f.tokens;
    const prev = m.start > 0 ? toks[m.start - 1] : undefined;
    const last = toks[m.end - 1];
    const next = m.end < toks.length ? toks[m.end] : undefined;
    if (prev && lex.locativeWords.has(prev.norm) && !(prev.cap && lex.firstNames.has(prev.norm))) return true;
    // "Chad's capital", and in headlines "Chad army".
    if (next && lex.governanceNouns.has(next.norm) && (last.possessive || !next.cap || m.f.titleCase)) return true;
    const isCountry = (c: Candidate | undefined) => !!c && c.targets.some((t) => t.type === 'country' && t.via === 'name');
    const idx = all.findIndex((c) => c.m === m);
    const before = all[idx - 1];
    const after = all[idx + 1];
    if (prev && (lex.countryListWords.has(prev.norm) || prev.commaNext) && before && before.m.f === m.f && before.m.end >= m.start - 1 && isCountry(before)) return true;
    if (next && (lex.countryListWords.has(next.norm) || last.commaNext) && after && after.m.f === m.f && after.m.start <= m.end + 1 && isCountry(after)) return true;
    return false;
  }

  private settle(candidates: Candidate[], fields: StoryField[]): Resolution[] {
    const anchors = new Map<string, number>();
    const resolved = new Map<Candidate, Resolution>();

    // Pass 0: mentions that name one country without doubt anchor the story.
    for (const c of candidates) {
      if (c.targets.some(isAmbiguous)) continue;
      const countries = targetCountriesOf(c.targets);
      if (countries.length !== 1) continue;
      let needs = false;
      for (const t of c.targets) if (this.needsContext(c.m, t)) needs = true;
      if (needs) continue;
      resolved.set(c, this.resolution(c.m, pickTarget(c.targets), ''));
      anchors.set(countries[0], (anchors.get(countries[0]) ?? 0) + 1);
    }
    if (resolved.size === candidates.length) return candidates.map((c) => resolved.get(c) as Resolution);

    const storyContext = () => fields;

    // Two passes: a name settled in the first (a confirmed "Chad") can settle another mention
    // of the same country in the second.
    for (let pass = 0; pass < 2; pass++) {
      for (const c of candidates) {
        if (resolved.has(c)) continue;
        const r = this.settleOne(c, candidates, anchors, storyContext);
        if (!r) continue;
        resolved.set(c, r);
        for (const country of r.countries) anchors.set(country, (anchors.get(country) ?? 0) + 1);
      }
    }
    return candidates.filter((c) => resolved.has(c)).map((c) => resolved.get(c) as Resolution);
  }

  private settleOne(c: Candidate, all: Candidate[], anchors: Map<string, number>, storyContext: () => StoryField[]): Resolution | undefined {
    const amb = c.targets.find((t): t is Extract<GazTarget, { type: 'ambiguous' }> => t.type === 'ambiguous');
    if (amb) return this.settleAmbiguous(c, amb.rule, all, anchors, storyContext);
    const countries = targetCountriesOf(c.targets);
    if (countries.length === 1) {
      // Only context-needing names reach here.
      if (anchors.has(countries[0])) return this.resolution(c.m, pickTarget(c.targets), 'same country as other places in the story');
      if (this.hasLocalContext(c.m) && !this.partOfPlaceElsewhere(c.m, all, countries[0])) return this.resolution(c.m, pickTarget(c.targets), 'place word in context');
      return undefined;
    }
    // Several countries share the name.
    const anchored = countries.filter((k) => anchors.has(k));
    if (anchored.length >= 1) {
      anchored.sort((a, b) => (anchors.get(b) ?? 0) - (anchors.get(a) ?? 0));
      if (anchored.length === 1 || (anchors.get(anchored[0]) ?? 0) > (anchors.get(anchored[1]) ?? 0)) {
        const k = anchored[0];
        return this.resolution(c.m, pickTarget(c.targets.filter((t) => targetCountries(t).includes(k))), `shares ${k} with other places in the story`);
      }
      return undefined;
    }
    const curated = c.targets.filter((t) => t.type === 'place' && t.place.curated);
    const curatedCountries = targetCountriesOf(curated);
    if (curatedCountries.length === 1 && !c.targets.some((t) => t.type === 'country')) {
      return this.resolution(c.m, pickTarget(curated), 'curated conflict place preferred');
    }
    const countryTargets = c.targets.filter((t) => t.type === 'country');
    if (targetCountriesOf(countryTargets).length === 1) {
      return this.resolution(c.m, countryTargets[0], 'country name preferred over towns of the same name');
    }
    const places = c.targets
      .filter((t): t is Extract<GazTarget, { type: 'place' }> => t.type === 'place')
      .sort((a, b) => b.place.population - a.place.population);
    const [top, second] = places;
    if (top && second && top.place.country !== second.place.country) {
      const clear = (top.place.capital && !second.place.capital) || (top.place.population >= 3 * second.place.population && top.place.population >= 100000);
      if (clear && (!this.needsContext(c.m, top) || this.hasLocalContext(c.m))) return this.resolution(c.m, top, `largest of ${places.length} places of that name`);
    }
    return undefined;
  }

  private settleAmbiguous(
    c: Candidate,
    rule: AmbiguityRule,
    all: Candidate[],
    anchors: Map<string, number>,
    storyContext: () => StoryField[],
  ): Resolution | undefined {
    const ctx = this.cueContext(rule, storyContext);
    const locative = this.isLocative(c.m, all);
    const readings = rule.readings.filter((r) => c.targets.some((t) => t.type === 'ambiguous') && (c.targets.length === 1 || true));
    const scored = readings.map((r, i) => {
      const cues = r.cues.filter((cue) => ctx.has(cue));
      let score = cues.length + (anchors.has(r.country) ? 2 : 0);
      if (i === 0 && locative) score += 2;
      return { r, score, cues };
    });
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    const runnerUp = scored[1];
    const unique = !runnerUp || best.score > runnerUp.score;
    const against = rule.against.filter((a) => ctx.has(a));
    const why = (r: { r: AmbiguityReading; cues: string[] }) => {
      const parts: string[] = [];
      if (r.cues.length) parts.push(`cues ${r.cues.join(', ')}`);
      if (anchors.has(r.r.country)) parts.push('other mentions of the country');
      if (locative && r === scored.find((s) => s.r === rule.readings[0])) parts.push('used as a place ("in ...", "eastern ...", lists)');
      return `${rule.name} read as ${r.r.country}${parts.length ? `: ${parts.join('; ')}` : ''}`;
    };
    switch (rule.mode) {
      case 'confirm':
        if (best.score > 0 && unique && best.score > against.length) return this.ambiguousResolution(c.m, best.r, why(best));
        return undefined;
      case 'unless-against':
        if (against.length > 0 && against.length >= best.score) return undefined;
        return this.ambiguousResolution(c.m, (unique ? best : scored.find((s) => s.r === rule.readings[0]) ?? best).r, against.length ? why(best) : `${rule.name} read as ${best.r.country}: no sign of another meaning`);
      default: {
        if (best.score > 0 && unique) return this.ambiguousResolution(c.m, best.r, why(best));
        const def = rule.readings.find((r) => r.default) ?? rule.readings[0];
        return this.ambiguousResolution(c.m, def, `${rule.name} read as ${def.country}: default reading`);
      }
    }
  }

  /** The cue and counter-cue phrases of a rule that occur in the story, found by one trie walk. */
  private cueContext(rule: AmbiguityRule, fieldsOf: () => StoryField[]): Set<string> {
    const trie = this.cueTrie(rule);
    const found = new Set<string>();
    for (const f of fieldsOf()) trie.forEachMatch(f.tokens, (_s, _l, cues) => cues.forEach((c) => found.add(c)));
    return found;
  }

  private cueTrie(rule: AmbiguityRule): PhraseTrie<string> {
    let trie = this.cueTries.get(rule);
    if (!trie) {
      trie = new PhraseTrie<string>();
      for (const cue of [...rule.against, ...rule.readings.flatMap((r) => r.cues)]) trie.add(cue.split(' '), cue);
      this.cueTries.set(rule, trie);
    }
    return trie;
  }

  private readonly cueTries = new WeakMap<AmbiguityRule, PhraseTrie<string>>();

  private ambiguousResolution(m: Mention, r: AmbiguityReading, rule: string): Resolution {
    const country = this.gaz.countries.get(r.country);
    const isPlace = r.kind && r.kind !== 'country';
    const place: Place | undefined = country
      ? {
          name: isPlace ? (r.label ?? m.text) : country.name,
          country: r.country,
          lat: r.lat ?? country.lat,
          lon: r.lon ?? country.lon,
          kind: r.kind ?? 'country',
        }
      : undefined;
    return { m, countries: [r.country], place, rule };
  }

  private resolution(m: Mention, t: GazTarget, reason: string): Resolution {
    if (!reason && !m.viaSkeleton) {
      // Most mentions resolve without a special reason; their evidence text depends only on the entry.
      let cached = this.plainResolutions.get(t);
      if (!cached) {
        cached = this.buildResolution(m, t, '');
        this.plainResolutions.set(t, cached);
      }
      return { ...cached, m };
    }
    return this.buildResolution(m, t, reason);
  }

  private readonly plainResolutions = new WeakMap<GazTarget, Resolution>();

  private buildResolution(m: Mention, t: GazTarget, reason: string): Resolution {
    const suffix = reason ? `; ${reason}` : '';
    if (t.type === 'country') {
      const info = this.gaz.countries.get(t.code);
      const place: Place | undefined =
        info && (t.via === 'name' || t.via === 'upper') ? { name: info.name, country: t.code, lat: info.lat, lon: info.lon, kind: 'country' } : undefined;
      const what = t.via === 'upper' ? 'abbreviation' : t.via === 'name' ? 'country name' : t.via === 'actor' ? 'armed group based in' : 'demonym';
      return { m, countries: [t.code], place, rule: `gazetteer: ${what} of ${t.label} (${t.code})${suffix}` };
    }
    if (t.type === 'place') {
      const p = t.place;
      const source = p.curated ? 'curated conflict places' : p.kind === 'admin-region' ? 'first-level divisions' : 'GeoNames cities';
      const pop = p.population ? `, population ${p.population}` : '';
      return {
        m,
        countries: [p.country, ...p.alsoCountries],
        place: { name: p.name, country: p.country, lat: p.lat, lon: p.lon, kind: p.kind },
        rule: `gazetteer: ${p.kind} ${p.name} (${p.country}${p.alsoCountries.length ? `/${p.alsoCountries.join('/')}` : ''}; ${source}${pop})${m.viaSkeleton ? '; spelling variant' : ''}${suffix}`,
      };
    }
    return { m, countries: [], place: undefined, rule: '' };
  }

  private output(resolutions: Resolution[]): PlaceResult {
    const regions: string[] = [];
    const places: Place[] = [];
    const why: TagEvidence[] = [];
    const seenPlace = new Set<string>();
    const seenWhy = new Set<string>();
    for (const r of resolutions) {
      for (const c of r.countries) if (!regions.includes(c)) regions.push(c);
      if (r.place) {
        const key = `${r.place.country}:${r.place.name}`;
        if (!seenPlace.has(key)) {
          seenPlace.add(key);
          places.push(r.place);
        }
      }
      for (const c of r.countries) {
        const key = `${c}:${r.m.text}`;
        if (seenWhy.has(key)) continue;
        seenWhy.add(key);
        why.push({ kind: 'region', tag: c, text: r.m.text, field: r.m.f.field, rule: r.rule });
      }
    }
    return { regions, places, why };
  }
}

function targetCountriesOf(targets: readonly GazTarget[]): string[] {
  const out: string[] = [];
  for (const t of targets) for (const c of targetCountries(t)) if (!out.includes(c)) out.push(c);
  return out;
}

function targetsAllowCountry(targets: readonly GazTarget[], country: string): boolean {
  return targets.some((t) => t.type === 'ambiguous' && t.rule.readings.some((r) => r.country === country));
}

function restrictTo(targets: GazTarget[], country: string): GazTarget[] {
  const out: GazTarget[] = [];
  for (const t of targets) {
    if (t.type === 'ambiguous') {
      const readings = t.rule.readings.filter((r) => r.country === country);
      if (readings.length) out.push({ type: 'ambiguous', rule: { ...t.rule, mode: 'default', readings: readings.map((r) => ({ ...r, default: true })) } });
    } else if (targetCountries(t).includes(country)) {
      out.push(t);
    }
  }
  return out;
}

/** The best single target: a country reading over a place, then the most populous place. */
function pickTarget(targets: readonly GazTarget[]): GazTarget {
  let best = targets[0];
  for (const t of targets) {
    if (t.type === 'country' && best.type !== 'country') best = t;
    else if (t.type === 'place' && best.type === 'place' && (t.place.curated && !best.place.curated || (t.place.curated === best.place.curated && t.place.population > best.place.population))) best = t;
  }
  return best;
}
