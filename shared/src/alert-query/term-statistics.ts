/**
 * How often each indexable term occurs in recent stories, so that the rule index files every rule
 * under the terms that are actually rare in the news being monitored (during a siege of Gaza,
 * "gaza" is in a third of all stories and a poor key). Without statistics the index falls back
 * on guesses from the kind of term and the length of the word.
 */
import { defaultTermFrequency, requiredTermKey, type RequiredTerm } from './required-terms';
import type { PreparedStory } from './story';

/** Prefix terms are counted by their first letters, which is how the index files them. */
const PREFIX_HEAD_LENGTHS = [2, 3];

export class AlertTermStatistics {
  private observed = 0;
  private readonly counts = new Map<string, number>();

  /** Below this many observed stories, frequencies are guessed rather than measured. */
  constructor(private readonly minStories = 200) {}

  get stories(): number {
    return this.observed;
  }

  /** Counts the story's distinct terms. Feed it a recent sample (a few thousand stories is plenty). */
  observe(story: PreparedStory): void {
    this.observed++;
    const keys = new Set<string>();
    for (const word of story.positions.keys()) {
      keys.add(`word:${word}`);
      for (const length of PREFIX_HEAD_LENGTHS) if (word.length >= length) keys.add(`prefix:${word.slice(0, length)}`);
    }
    for (const country of story.regions) keys.add(`region:${country}`);
    for (const topic of story.topics) keys.add(`topic:${topic}`);
    for (const title of story.sources) for (const word of title) keys.add(`source:${word}`);
    for (const key of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Share of observed stories containing the term; pass as `estimateFrequency` to AlertRuleIndex. */
  readonly frequency = (term: RequiredTerm): number => {
    if (this.observed < this.minStories) return defaultTermFrequency(term);
    const key = term.kind === 'prefix' ? `prefix:${term.prefix.slice(0, PREFIX_HEAD_LENGTHS[PREFIX_HEAD_LENGTHS.length - 1])}` : requiredTermKey(term);
    // Half a story for unseen terms: rare, but not free, so that a rule with several unseen terms still prefers fewer.
    return ((this.counts.get(key) ?? 0) + 0.5) / (this.observed + 1);
  };
}
