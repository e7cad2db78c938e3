import type { StoryTags, TagEvidence } from '@sentinel/shared';
import { Gazetteer } from './gazetteer';
import { PlaceResolver, type StoryField } from './places';
import { loadDefaultRulesText } from './rules-file';
import { TopicMatcher } from './topics';
import { parseTopicRules, type TopicRuleSet } from './topic-rules';
import { isTitleCase, tokenize } from './text';

export class TopicRulesError extends Error {
  readonly kind = 'topic-rules-invalid';
  constructor(readonly errors: { line: number; message: string }[]) {
    super(`topic rules are invalid: ${errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
    this.name = 'TopicRulesError';
  }
}

export interface StoryText {
  title: string;
  summary: string;
}

/**
 * Tags stories with regions, places and topics, and says why. Building one is the costly part
 * (indexes); tagging is a single pass over the story's tokens. A Tagger is immutable: to apply
 * new rules, build a new one and swap it in.
 */
export class Tagger {
  private readonly places: PlaceResolver;
  private readonly topics: TopicMatcher;

  private constructor(readonly gazetteer: Gazetteer, readonly rules: TopicRuleSet) {
    this.places = new PlaceResolver(gazetteer);
    this.topics = new TopicMatcher(rules);
  }

  /**
   * @param opts.rulesText topic rules in the rule-file format; defaults to the shipped file.
   * @param opts.gazetteer defaults to the gazetteer built from the shipped data files.
   * @throws TopicRulesError when the rules do not parse (validate with parseTopicRules first).
   */
  static fromData(opts: { rulesText?: string; gazetteer?: Gazetteer } = {}): Tagger {
    const parsed = parseTopicRules(opts.rulesText ?? loadDefaultRulesText());
    if (!parsed.ok) throw new TopicRulesError(parsed.errors);
    return new Tagger(opts.gazetteer ?? Gazetteer.default(), parsed.rules);
  }

  tag(story: StoryText): StoryTags {
    const titleTokens = tokenize(story.title ?? '');
    const fields: StoryField[] = [
      { field: 'title', text: story.title ?? '', tokens: titleTokens, titleCase: isTitleCase(titleTokens) },
      { field: 'summary', text: story.summary ?? '', tokens: tokenize(story.summary ?? ''), titleCase: false },
    ];
    const placeResult = this.places.resolve(fields);
    const topicResult = this.topics.match(fields);
    const why: TagEvidence[] = [...placeResult.why, ...topicResult.why];
    return { regions: placeResult.regions, topics: topicResult.topics, places: placeResult.places, why };
  }
}
