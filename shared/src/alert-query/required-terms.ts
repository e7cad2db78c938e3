/**
 * What a story must contain for a rule to have any chance of matching, so that an index can skip
 * the rule for every story that lacks it. A rule's requirements are clauses, all of which a
 * matching story satisfies, each by containing one of the clause's terms: every word of a term,
 * a field value, one alternative from every branch of an OR. A NOT requires nothing, because a
 * story can match it by containing nothing at all.
 */
import type { AlertQuery, AlertQueryNode, TermNode } from './ast';
import { CompiledAlertQuery } from './matcher';
import { foldWord } from '../text/normalise';

export type RequiredTerm =
  /** A normalised word anywhere in title or summary. */
  | { kind: 'word'; word: string }
  /** A normalised word starting with this prefix. */
  | { kind: 'prefix'; prefix: string }
  | { kind: 'region'; country: string }
  | { kind: 'topic'; topic: string }
  /** A normalised word of the title of a feed that carried the story. */
  | { kind: 'source'; word: string };

export interface RequiredTermsOptions {
  /**
   * Expected share of stories (0..1) that contain a term; the rarer a requirement, the fewer
   * stories a rule is tested on. Feed it counts from recent stories if you have them; the default
   * guesses from the kind of term and the length of the word.
   */
  estimateFrequency?: (term: RequiredTerm) => number;
}

/** Words in most stories, normalised as story words are (so الى and على appear as الي, علي). */
const COMMON_WORDS = new Set(
  (
    'the a an of in on at to for and or by with from as is was are were be been has have had after over ' +
    'into near says said new two three killed de la le les des du et en un une au aux par pour sur el al ' +
    'في من على الى إلى عن مع'
  )
    .split(' ')
    .map(foldWord),
);

export function defaultTermFrequency(term: RequiredTerm): number {
  switch (term.kind) {
    case 'word':
      if (COMMON_WORDS.has(term.word) || term.word.length <= 2) return 0.5;
      return Math.min(0.3, 0.3 / term.word.length);
    case 'prefix':
      return term.prefix.length <= 2 ? 0.4 : 0.12;
    case 'region':
      return 0.04;
    case 'topic':
      return 0.08;
    case 'source':
      return 0.05;
  }
}

/** Terms of which a matching story contains at least one. */
export type RequiredClause = RequiredTerm[];

export interface EstimatedClause {
  terms: RequiredTerm[];
  /** Estimated share of stories that contain any of the terms. */
  cost: number;
}

type Frequency = (term: RequiredTerm) => number;

function rootOf(query: AlertQuery | CompiledAlertQuery): AlertQueryNode {
  return query instanceof CompiledAlertQuery ? query.query.root : query.root;
}

/**
 * Clauses that every matching story satisfies, rarest first: the story contains at least one
 * term of each clause. An empty list means the rule can match a story that contains none of the
 * indexable terms (e.g. `NOT sport`).
 */
export function requiredClauses(query: AlertQuery | CompiledAlertQuery, opts: RequiredTermsOptions = {}): RequiredClause[] {
  return estimatedClauses(query, opts).map((c) => c.terms);
}

/** requiredClauses with the estimated share of stories that satisfy each, rarest first. */
export function estimatedClauses(query: AlertQuery | CompiledAlertQuery, opts: RequiredTermsOptions = {}): EstimatedClause[] {
  return clausesOf(rootOf(query), opts.estimateFrequency ?? defaultTermFrequency).sort((a, b) => a.cost - b.cost);
}

/**
 * Alternatives of which every matching story contains at least one (the rarest required clause),
 * or null when the rule can match a story that contains none of the indexable terms (e.g. `NOT sport`).
 */
export function requiredTerms(query: AlertQuery | CompiledAlertQuery, opts: RequiredTermsOptions = {}): RequiredTerm[] | null {
  const clauses = clausesOf(rootOf(query), opts.estimateFrequency ?? defaultTermFrequency);
  return rarest(clauses)?.terms ?? null;
}

export function requiredTermKey(term: RequiredTerm): string {
  switch (term.kind) {
    case 'word':
      return `word:${term.word}`;
    case 'prefix':
      return `prefix:${term.prefix}`;
    case 'region':
      return `region:${term.country}`;
    case 'topic':
      return `topic:${term.topic}`;
    case 'source':
      return `source:${term.word}`;
  }
}

function single(term: RequiredTerm, frequency: Frequency): EstimatedClause {
  return { terms: [term], cost: frequency(term) };
}

function rarest(clauses: readonly EstimatedClause[]): EstimatedClause | null {
  let best: EstimatedClause | null = null;
  for (const clause of clauses) if (!best || clause.cost < best.cost) best = clause;
  return best;
}

/** Every word of a term or source value is required; a prefix needs some word starting with it. */
function wordClauses(node: Pick<TermNode, 'kind' | 'words'>, frequency: Frequency, kind: 'word' | 'source'): EstimatedClause[] {
  const last = node.words.length - 1;
  const clauses: EstimatedClause[] = [];
  node.words.forEach((word, i) => {
    if (node.kind === 'prefix' && i === last) {
      // Feed titles are few and short; a source prefix is checked by the matcher alone.
      if (kind === 'word') clauses.push(single({ kind: 'prefix', prefix: word }, frequency));
    } else {
      clauses.push(single(kind === 'word' ? { kind: 'word', word } : { kind: 'source', word }, frequency));
    }
  });
  return clauses;
}

function clausesOf(node: AlertQueryNode, frequency: Frequency): EstimatedClause[] {
  switch (node.type) {
    case 'term':
      return wordClauses(node, frequency, 'word');
    case 'source':
      return wordClauses(node, frequency, 'source');
    case 'region': {
      const terms: RequiredTerm[] = node.countries.map((country) => ({ kind: 'region', country }));
      return [{ terms, cost: terms.reduce((sum, t) => sum + frequency(t), 0) }];
    }
    case 'topic':
      return [single({ kind: 'topic', topic: node.topic }, frequency)];
    case 'not':
      return [];
    case 'event':
      // A condition on the story's event asks nothing of its text; the engine checks it apart.
      return [];
    case 'near':
      return [...clausesOf(node.left, frequency), ...clausesOf(node.right, frequency)];
    case 'and':
      return node.children.flatMap((c) => clausesOf(c, frequency));
    case 'or':
      return orClauses(node.children.map((c) => clausesOf(c, frequency)), frequency);
  }
}

/** An OR of clause sets in clause form grows as their product; beyond this the rarest clauses are kept. */
const MAX_OR_CLAUSES = 16;

/**
 * (A1 AND A2) OR (B1 AND B2) holds only where every (Ai OR Bj) holds, so those are the OR's
 * clauses; a branch that requires nothing makes the whole OR require nothing. When the product
 * would grow too large, each further branch contributes only its rarest clauses.
 */
function orClauses(branches: EstimatedClause[][], frequency: Frequency): EstimatedClause[] {
  if (branches.some((b) => b.length === 0)) return [];
  let product: EstimatedClause[] = [{ terms: [], cost: 0 }];
  for (const branch of branches) {
    const keep = Math.max(1, Math.floor(MAX_OR_CLAUSES / product.length));
    const rarestFirst = [...branch].sort((a, b) => a.cost - b.cost).slice(0, keep);
    product = product.flatMap((left) => rarestFirst.map((right) => union(left, right, frequency)));
  }
  return product;
}

function union(left: EstimatedClause, right: EstimatedClause, frequency: Frequency): EstimatedClause {
  const byKey = new Map<string, RequiredTerm>();
  for (const term of [...left.terms, ...right.terms]) byKey.set(requiredTermKey(term), term);
  const terms = [...byKey.values()];
  return { terms, cost: terms.reduce((sum, t) => sum + frequency(t), 0) };
}
