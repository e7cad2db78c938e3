/**
 * Alert rules: the query language analysts write (see README.md beside this file), its parser,
 * and the matcher the server runs on every new story. Pure logic with no data of its own:
 * macro-regions and known topics are passed in.
 */
export type {
  AlertQuery,
  AlertQueryNode,
  AndNode,
  EventCondition,
  EventConditionNode,
  NearNode,
  NotNode,
  OrNode,
  PositionalNode,
  RegionNode,
  SourceNode,
  TermAlternativesNode,
  TermKind,
  TermNode,
  TermScope,
  TopicNode,
} from './ast';
export { formatAlertQuery, formatEventCondition } from './ast';
export type { AlertQueryError, AlertQueryErrorKind } from './errors';
export { EVENT_FIELD_NAMES, FIELD_NAMES, MAX_EVENT_SOURCES, MAX_NEAR_DISTANCE, type EventFieldName, type FieldName } from './lexer';
export {
  MAX_NESTING_DEPTH,
  MAX_QUERY_LENGTH,
  MIN_PREFIX_LENGTH,
  parseAlertQuery,
  type ParseAlertQueryOptions,
  type ParseAlertQueryResult,
} from './parser';
export { CompiledAlertQuery, compileAlertQuery, matchEvent, matchStory } from './matcher';
export { eventConditionsOf, eventSatisfies, isCorroborated, LONE_STORY_EVENT, storyPartOf, type MatchableEvent } from './event-conditions';
export { MAX_STORY_WORDS, PreparedStory, prepareStory, type MatchableStory } from './story';
export {
  defaultTermFrequency,
  requiredClauses,
  requiredTermKey,
  requiredTerms,
  type RequiredClause,
  type RequiredTerm,
  type RequiredTermsOptions,
} from './required-terms';
export { AlertTermStatistics } from './term-statistics';
export { AlertRuleIndex, type AlertRuleId, type AlertRuleIndexStats } from './rule-index';
