/**
 * The parsed form of an alert rule. Plain data (no classes, no functions) so that it can be
 * logged, stored or sent over the wire as JSON; `compileAlertQuery` turns it into a matcher.
 */

/** Where a term must appear: anywhere in the title or summary, or in the title alone (`title:`). */
export type TermScope = 'text' | 'title';

/** `word`: a bare word; `phrase`: "quoted words"; `prefix`: `escap*`. */
export type TermKind = 'word' | 'phrase' | 'prefix';

export interface TermNode {
  type: 'term';
  kind: TermKind;
  scope: TermScope;
  /** The term as the analyst wrote it, without quotes or the trailing `*`. */
  text: string;
  /**
   * Normalised words the term stands for, in order. A bare word may stand for several
   * ("al-Hol" -> ["al", "hol"]) and then matches them side by side, like a phrase.
   * For a prefix term the last word is the prefix.
   */
  words: string[];
}

/** An `OR` of terms: the only kind of group `NEAR/n` accepts besides a single term. */
export interface TermAlternativesNode {
  type: 'or';
  children: PositionalNode[];
}

/** What `NEAR/n` can join: something with positions in the text. */
export type PositionalNode = TermNode | TermAlternativesNode;

export interface AndNode {
  type: 'and';
  children: AlertQueryNode[];
}

export interface OrNode {
  type: 'or';
  children: AlertQueryNode[];
}

export interface NotNode {
  type: 'not';
  child: AlertQueryNode;
}

/** Both sides occur, in either order, with at most `distance` other words between them. */
export interface NearNode {
  type: 'near';
  distance: number;
  left: PositionalNode;
  right: PositionalNode;
}

export interface RegionNode {
  type: 'region';
  /** As written: a country code ("SY") or a macro-region id ("middle-east"). */
  value: string;
  /** ISO 3166-1 alpha-2 codes, upper-case; the story matches if it carries any of them. */
  countries: string[];
}

export interface TopicNode {
  type: 'topic';
  topic: string;
}

/** Matches when the words occur side by side in the title of any feed that carried the story. */
export interface SourceNode {
  type: 'source';
  kind: TermKind;
  text: string;
  words: string[];
}

/**
 * A condition on the event (cluster) a story belongs to rather than on the story's text:
 * `sources>=3` (at least 3 independent sources), `breaking:true`, `corroborated:true`.
 */
export type EventCondition = { kind: 'sources'; min: number } | { kind: 'breaking'; value: boolean } | { kind: 'corroborated'; value: boolean };

/** Only ever the whole rule or a child of its top-level AND (the parser refuses it anywhere else). */
export interface EventConditionNode {
  type: 'event';
  condition: EventCondition;
}

export type AlertQueryNode = TermNode | AndNode | OrNode | NotNode | NearNode | RegionNode | TopicNode | SourceNode | EventConditionNode;

export interface AlertQuery {
  /** The rule as written. */
  text: string;
  root: AlertQueryNode;
}

function quoteIfNeeded(text: string): string {
  const plain = text.length > 0 && !/[\s()"\u201c\u201d\u201e]/.test(text) && !text.startsWith('-') && !/^(AND|OR|NOT|NEAR(\/.*)?)$/.test(text);
  return plain ? text : `"${text.replace(/["\u201c\u201d]/g, '')}"`;
}

function formatTerm(kind: TermKind, text: string): string {
  if (kind === 'prefix') return quoteIfNeeded(`${text}*`);
  if (kind === 'phrase') return `"${text}"`;
  return quoteIfNeeded(text);
}

/**
 * Writes a node back as query text with every group parenthesised, so that the grouping the
 * parser chose is visible (used by tests and handy in logs): `a b OR c` -> `(a AND b) OR c`.
 */
export function formatAlertQuery(node: AlertQueryNode): string {
  const group = (child: AlertQueryNode): string => {
    const text = formatAlertQuery(child);
    return child.type === 'and' || child.type === 'or' || child.type === 'near' ? `(${text})` : text;
  };
  switch (node.type) {
    case 'term': {
      const term = formatTerm(node.kind, node.text);
      return node.scope === 'title' ? `title:${term}` : term;
    }
    case 'and':
      return node.children.map(group).join(' AND ');
    case 'or':
      return node.children.map(group).join(' OR ');
    case 'not':
      return `NOT ${group(node.child)}`;
    case 'near':
      return `${group(node.left)} NEAR/${node.distance} ${group(node.right)}`;
    case 'region':
      return `region:${node.value}`;
    case 'topic':
      return `topic:${node.topic}`;
    case 'source':
      return `source:${formatTerm(node.kind, node.text)}`;
    case 'event':
      return formatEventCondition(node.condition);
  }
}

/** `sources>=3`, `breaking:true`, `corroborated:false`: the one way each condition is written back. */
export function formatEventCondition(condition: EventCondition): string {
  return condition.kind === 'sources' ? `sources>=${condition.min}` : `${condition.kind}:${condition.value}`;
}
