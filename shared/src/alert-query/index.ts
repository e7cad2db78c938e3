/**
 * Alert rules: the query language analysts write (see README.md beside this file), its parser,
 * and the matcher the server runs on every new story. Pure logic with no data of its own:
 * macro-regions and known topics are passed in.
 */
export type {
  AlertQuery,
  AlertQueryNode,
  AndNode,
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
export { formatAlertQuery } from './ast';
export type { AlertQueryError, AlertQueryErrorKind } from './errors';
export { FIELD_NAMES, MAX_NEAR_DISTANCE, type FieldName } from './lexer';
export {
  MAX_NESTING_DEPTH,
  MAX_QUERY_LENGTH,
  MIN_PREFIX_LENGTH,
  parseAlertQuery,
  type ParseAlertQueryOptions,
  type ParseAlertQueryResult,
} from './parser';
export { CompiledAlertQuery, compileAlertQuery, matchStory } from './matcher';
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
