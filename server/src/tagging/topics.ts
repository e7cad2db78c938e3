/**
 * Scores a story against a parsed topic rule set. One trie holds both the rule phrases and the
 * context terms their clauses refer to; it is built once per rule set and a story's tokens are
 * walked through it once.
 */
import type { TagEvidence } from '@sentinel/shared';
import { PhraseTrie } from './phrase-trie';
import type { StoryField } from './places';
import type { RuleTermList, TopicRule, TopicRuleSet } from './topic-rules';

interface Occurrence {
  field: number;
  start: number;
  end: number;
}

/** A trie value: a rule phrase (a TopicRule) or a context term (its index in ruleSet.terms). */
type Entry = TopicRule | number;

export interface TopicResult {
  topics: string[];
  why: TagEvidence[];
}

export class TopicMatcher {
  private readonly trie = new PhraseTrie<Entry>();

  constructor(private readonly ruleSet: TopicRuleSet) {
    for (const rule of ruleSet.rules) for (const seq of rule.sequences) this.trie.add(seq, rule);
    ruleSet.terms.forEach((sequences, id) => {
      for (const seq of sequences) this.trie.add(seq, id);
    });
  }

  get phraseCount(): number {
    return this.trie.size;
  }

  match(fields: StoryField[]): TopicResult {
    const hits: { rule: TopicRule; occ: Occurrence }[] = [];
    const terms = new Map<number, Occurrence[]>();
    for (let fi = 0; fi < fields.length; fi++) {
      this.trie.forEachMatch(fields[fi].tokens, (start, length, entries) => {
        for (const e of entries) {
          const occ = { field: fi, start, end: start + length };
          if (typeof e === 'number') {
            const list = terms.get(e);
            if (list) list.push(occ);
            else terms.set(e, [occ]);
          } else {
            hits.push({ rule: e, occ });
          }
        }
      });
    }
    if (hits.length === 0) return { topics: [], why: [] };

    const fired = new Map<TopicRule, Occurrence>();
    for (const h of hits) {
      if (fired.has(h.rule)) continue;
      if (this.holds(h.rule, h.occ, terms)) fired.set(h.rule, h.occ);
    }
    if (fired.size === 0) return { topics: [], why: [] };
    const scores = new Map<string, number>();
    for (const rule of fired.keys()) scores.set(rule.topic, (scores.get(rule.topic) ?? 0) + rule.weight);

    const topics: string[] = [];
    const why: TagEvidence[] = [];
    for (const section of this.ruleSet.topics) {
      const score = scores.get(section.id);
      if (score === undefined || score < section.threshold) continue;
      topics.push(section.id);
      for (const [rule, occ] of fired) {
        if (rule.topic !== section.id || rule.weight <= 0) continue;
        const f = fields[occ.field];
        why.push({
          kind: 'topic',
          tag: section.id,
          text: f.text.slice(f.tokens[occ.start].start, f.tokens[occ.end - 1].end),
          field: f.field,
          rule: `${this.label(rule)} (score ${score} of ${section.threshold} needed)`,
        });
      }
    }
    return { topics, why };
  }

  private readonly labels = new Map<TopicRule, string>();

  private label(rule: TopicRule): string {
    let label = this.labels.get(rule);
    if (label === undefined) {
      label = `rules line ${rule.line}: ${rule.text}`;
      this.labels.set(rule, label);
    }
    return label;
  }

  private holds(rule: TopicRule, occ: Occurrence, terms: Map<number, Occurrence[]>): boolean {
    for (const cond of rule.near) if (!this.near(cond.list, cond.window, occ, terms)) return false;
    for (const cond of rule.notNear) if (this.near(cond.list, cond.window, occ, terms)) return false;
    for (const list of rule.withAny) if (!this.anywhere(list, terms)) return false;
    for (const list of rule.without) if (this.anywhere(list, terms)) return false;
    return true;
  }

  /** Some term of the list lies within `window` words of the match, in the same field, not overlapping it. */
  private near(list: RuleTermList, window: number, occ: Occurrence, terms: Map<number, Occurrence[]>): boolean {
    // Walk whichever side is shorter: the list's terms or the terms the story holds.
    if (list.terms.length <= terms.size) {
      for (const id of list.terms) {
        const occs = terms.get(id);
        if (occs && this.within(occs, window, occ)) return true;
      }
      return false;
    }
    for (const [id, occs] of terms) {
      if (list.termSet.has(id) && this.within(occs, window, occ)) return true;
    }
    return false;
  }

  private within(occs: Occurrence[], window: number, occ: Occurrence): boolean {
    for (const o of occs) {
      if (o.field !== occ.field) continue;
      if (o.end <= occ.start && occ.start - o.end < window) return true;
      if (o.start >= occ.end && o.start - occ.end < window) return true;
    }
    return false;
  }

  private anywhere(list: RuleTermList, terms: Map<number, Occurrence[]>): boolean {
    for (const id of terms.keys()) if (list.termSet.has(id)) return true;
    return false;
  }
}
