/**
 * Tagging engine: regions, places and topics for a story, with the evidence for each.
 * See ./README.md for what it owns, the data files and the rule-file format.
 */
export { Tagger, TopicRulesError, type StoryText } from './tagger';
export { parseTopicRules, type TopicRuleSet, type TopicRule, type RuleError, type ParseResult } from './topic-rules';
export { loadDefaultRulesText } from './rules-file';
export { taxonomy } from './taxonomy';
export { Gazetteer, GazetteerDataError } from './gazetteer';
export { evaluateTagging, readLabelFile, type EvaluationReport, type LabelledStory } from './evaluate';
