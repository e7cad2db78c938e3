/**
 * Recursive-descent parser for alert rules. Precedence, loosest first:
 *   query   := or
 *   or      := and ( OR and )*
 *   and     := unary ( [AND] unary )*          -- juxtaposition is an implicit AND
 *   unary   := NOT unary | '-' unary | near
 *   near    := primary [ NEAR/n primary ]      -- both sides words, phrases, prefixes or OR-groups of them
 *   primary := '(' or ')' | field ':' value | word | "phrase" | prefix*
 * Recursion happens only through parentheses and NOT, and both count against MAX_NESTING_DEPTH,
 * so no input can exhaust the stack; the length cap bounds everything else.
 *
 * Event conditions (`sources>=3`, `breaking:true`, `corroborated:true`) are parsed where they
 * stand and then checked to sit at the top level of the rule, joined by AND: a condition on the
 * event cannot be one side of an OR or be negated, since the story's text decides OR and NOT.
 */
import type { AlertQuery, AlertQueryNode, EventCondition, EventConditionNode, PositionalNode, TermKind, TermNode, TermScope } from './ast';
import { AlertQueryParseFailure, toAlertQueryError, type AlertQueryError } from './errors';
import { EVENT_FIELD_NAMES, example, MAX_EVENT_SOURCES, tokenizeAlertQuery, type EventFieldName, type FieldName, type FieldTokenText, type LexToken } from './lexer';
import { searchTokens } from '../text/normalise';

export const MAX_QUERY_LENGTH = 2000;
export const MAX_NESTING_DEPTH = 32;
export const MIN_PREFIX_LENGTH = 2;

export interface ParseAlertQueryOptions {
  /** When given, `topic:` values must be one of these ids. */
  knownTopics?: ReadonlySet<string>;
  /** Turns a macro-region id into its country codes, or null when the id is unknown. */
  resolveRegion?: (id: string) => string[] | null;
}

export type ParseAlertQueryResult = { ok: true; query: AlertQuery } | { ok: false; error: AlertQueryError };

export function parseAlertQuery(text: string, opts: ParseAlertQueryOptions = {}): ParseAlertQueryResult {
  if (typeof text !== 'string') {
    return { ok: false, error: { kind: 'syntax', message: 'column 1: the query must be text', line: 1, column: 1, offset: 0 } };
  }
  if (text.length > MAX_QUERY_LENGTH) {
    const failure = new AlertQueryParseFailure(
      'too-long',
      MAX_QUERY_LENGTH,
      `the query is ${text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_QUERY_LENGTH.toLocaleString('en-US')}`,
    );
    return { ok: false, error: toAlertQueryError(text.slice(0, MAX_QUERY_LENGTH + 1), failure) };
  }
  try {
    const root = new Parser(tokenizeAlertQuery(text), opts).parseQuery();
    return { ok: true, query: { text, root } };
  } catch (err) {
    if (err instanceof AlertQueryParseFailure) return { ok: false, error: toAlertQueryError(text, err) };
    throw err;
  }
}

function startsTerm(token: LexToken): boolean {
  switch (token.type) {
    case 'word':
    case 'phrase':
    case 'prefix':
    case 'field':
    case 'lparen':
    case 'not':
    case 'minus':
      return true;
    default:
      return false;
  }
}

function operatorName(token: LexToken): string {
  return token.type === 'minus' || token.type === 'lparen' ? `'${token.text}'` : token.text;
}

export function isPositional(node: AlertQueryNode): node is PositionalNode {
  return node.type === 'term' || (node.type === 'or' && node.children.every(isPositional));
}

function describeForNear(node: AlertQueryNode): string {
  switch (node.type) {
    case 'region':
    case 'topic':
    case 'source':
      return `a ${node.type}: field`;
    case 'not':
      return 'NOT';
    case 'near':
      return 'another NEAR';
    case 'event':
      return 'an event condition (sources>=N, breaking:, corroborated:)';
    case 'and':
      return 'an AND group';
    default:
      return 'a group with fields, NOT or AND in it';
  }
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** An event condition as the analyst wrote it, to point at it when it is misplaced. */
interface WrittenCondition {
  node: EventConditionNode;
  offset: number;
  /** e.g. "sources>=3", "breaking:true". */
  text: string;
}

class Parser {
  private pos = 0;
  private depth = 0;
  private scope: TermScope = 'text';
  private readonly conditions: WrittenCondition[] = [];

  constructor(
    private readonly tokens: LexToken[],
    private readonly opts: ParseAlertQueryOptions,
  ) {}

  parseQuery(): AlertQueryNode {
    if (this.peek().type === 'eof') {
      throw new AlertQueryParseFailure('syntax', 0, 'the query is empty: write a word, a "phrase" or a field such as topic:prison-break');
    }
    const root = this.parseOr();
    const rest = this.peek();
    if (rest.type === 'rparen') throw new AlertQueryParseFailure('syntax', rest.offset, "unbalanced parenthesis: ')' without '('");
    if (rest.type !== 'eof') throw new AlertQueryParseFailure('syntax', rest.offset, `unexpected '${rest.text}'`);
    this.checkEventConditions(root);
    return root;
  }

  /** Each event condition once, and only at the top level of the rule (the rule itself or a child of its top AND). */
  private checkEventConditions(root: AlertQueryNode): void {
    if (this.conditions.length === 0) return;
    const topLevel = new Set<AlertQueryNode>(root.type === 'and' ? root.children : [root]);
    const given = new Map<EventCondition['kind'], WrittenCondition>();
    for (const written of this.conditions) {
      if (!topLevel.has(written.node)) {
        const inside = enclosingOperator(root, written.node) ?? 'OR';
        const hint =
          inside === 'NOT'
            ? written.node.condition.kind === 'sources'
              ? `; for events that are not yet confirmed write corroborated:false`
              : `; write ${written.node.condition.kind}:${!written.node.condition.value} instead`
            : `, e.g. (prison OR jail) ${written.text}`;
        const where = inside === 'NOT' ? "after NOT or '-'" : 'inside OR';
        throw new AlertQueryParseFailure(
          'syntax',
          written.offset,
          `${written.text} is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not ${where}${hint}`,
        );
      }
      const earlier = given.get(written.node.condition.kind);
      if (earlier) {
        throw new AlertQueryParseFailure('syntax', written.offset, `${written.text} repeats ${earlier.text} (column ${earlier.offset + 1}): give each event condition once`);
      }
      given.set(written.node.condition.kind, written);
    }
  }

  private peek(): LexToken {
    return this.tokens[this.pos];
  }

  private next(): LexToken {
    return this.tokens[this.pos++];
  }

  private fail(token: LexToken, detail: string): never {
    throw new AlertQueryParseFailure('syntax', token.offset, detail);
  }

  private expectTermAfter(operator: LexToken): void {
    if (!startsTerm(this.peek())) this.fail(this.peek(), `expected a term after ${operatorName(operator)}`);
  }

  private enter(token: LexToken): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw new AlertQueryParseFailure('too-deep', token.offset, `too deeply nested: at most ${MAX_NESTING_DEPTH} levels of parentheses and NOTs`);
    }
  }

  private parseOr(): AlertQueryNode {
    const children = [this.parseAnd()];
    while (this.peek().type === 'or') {
      this.expectTermAfter(this.next());
      children.push(this.parseAnd());
    }
    return combine('or', children);
  }

  private parseAnd(): AlertQueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (token.type === 'and') {
        this.expectTermAfter(this.next());
        children.push(this.parseUnary());
      } else if (startsTerm(token)) {
        children.push(this.parseUnary());
      } else {
        return combine('and', children);
      }
    }
  }

  private parseUnary(): AlertQueryNode {
    const token = this.peek();
    if (token.type !== 'not' && token.type !== 'minus') return this.parseNear();
    this.next();
    this.enter(token);
    this.expectTermAfter(token);
    const child = this.parseUnary();
    this.depth--;
    return { type: 'not', child };
  }

  private parseNear(): AlertQueryNode {
    const leftToken = this.peek();
    const left = this.parsePrimary();
    if (this.peek().type !== 'near') return left;
    const near = this.next();
    if (!isPositional(left)) {
      this.fail(leftToken, `${near.text} joins words, phrases, prefix* terms or (a OR b) groups of them; it can't take ${describeForNear(left)}`);
    }
    const rightToken = this.peek();
    if (rightToken.type === 'not' || rightToken.type === 'minus') {
      this.fail(rightToken, `${near.text} can't take NOT or '-'; exclude words outside it: (a ${near.text} b) -c`);
    }
    this.expectTermAfter(near);
    const right = this.parsePrimary();
    if (!isPositional(right)) {
      this.fail(rightToken, `${near.text} joins words, phrases, prefix* terms or (a OR b) groups of them; it can't take ${describeForNear(right)}`);
    }
    const after = this.peek();
    if (after.type === 'near') {
      this.fail(after, `NEAR/n joins two terms; to chain, write (a ${near.text} b) AND (b ${after.text} c)`);
    }
    return { type: 'near', distance: near.distance, left, right };
  }

  private parsePrimary(): AlertQueryNode {
    const token = this.peek();
    switch (token.type) {
      case 'lparen':
        return this.parseGroup();
      case 'word':
      case 'phrase':
      case 'prefix':
        this.next();
        return this.term(token, this.scope);
      case 'field':
        return this.parseField();
      case 'rparen':
        return this.fail(token, "unbalanced parenthesis: ')' without '('");
      case 'and':
      case 'or':
      case 'near':
        return this.fail(token, `expected a term before ${token.text}`);
      default:
        return this.fail(token, 'expected a term');
    }
  }

  private parseGroup(): AlertQueryNode {
    const open = this.next();
    this.enter(open);
    if (this.peek().type === 'rparen') this.fail(this.peek(), 'expected a term inside the parentheses');
    const node = this.parseOr();
    const close = this.peek();
    if (close.type !== 'rparen') {
      if (close.type === 'eof') this.fail(open, "unbalanced parenthesis: '(' is never closed; add ')'");
      this.fail(close, `expected ')' to close the '(' at column ${open.offset + 1}`);
    }
    this.next();
    this.depth--;
    return node;
  }

  private parseField(): AlertQueryNode {
    const field = this.next();
    const written = field.text as FieldTokenText;
    if (written === 'sources>=' || written === 'sources>' || (EVENT_FIELD_NAMES as readonly string[]).includes(written)) {
      return this.eventCondition(field, written as EventFieldName | 'sources>=' | 'sources>');
    }
    const name = written as FieldName;
    const value = this.peek();
    if (this.scope === 'title') {
      this.fail(field, `title:( ... ) can hold only words, phrases and prefix* terms; move ${name}: outside the parentheses`);
    }
    const isWord = value.type === 'word' || value.type === 'phrase';
    if (name === 'title') {
      if (value.type === 'lparen') {
        this.scope = 'title';
        const node = this.parseGroup();
        this.scope = 'text';
        return node;
      }
      if (isWord || value.type === 'prefix') {
        this.next();
        return this.term(value, 'title');
      }
    } else if (name === 'source' && (isWord || value.type === 'prefix')) {
      this.next();
      const { kind, text, words } = this.term(value, 'text');
      return { type: 'source', kind, text, words };
    } else if (name === 'region' && isWord) {
      this.next();
      return this.region(value);
    } else if (name === 'topic' && isWord) {
      this.next();
      return this.topic(value);
    } else if (value.type === 'lparen') {
      this.fail(value, `${name}: takes one value, e.g. ${example(name)}; for several, write ${name}:a OR ${name}:b`);
    }
    return this.fail(value, `expected a value after ${name}:, e.g. ${example(name)}`);
  }

  private eventCondition(field: LexToken, name: EventFieldName | 'sources>=' | 'sources>'): EventConditionNode {
    const label = name.startsWith('sources>') ? name : `${name}:`;
    if (this.scope === 'title') {
      this.fail(field, `title:( ... ) can hold only words, phrases and prefix* terms; move ${label} outside the parentheses`);
    }
    const value = this.peek();
    const text = value.type === 'word' ? value.text : '';
    let condition: EventCondition;
    if (name === 'breaking' || name === 'corroborated') {
      const flag = text.toLowerCase();
      if (flag !== 'true' && flag !== 'false') this.fail(value, `${label} takes true or false, e.g. ${example(name)}`);
      condition = { kind: name, value: flag === 'true' };
    } else {
      const strict = name === 'sources>';
      const n = /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
      const min = strict ? n + 1 : n;
      if (!(min >= 1 && min <= MAX_EVENT_SOURCES)) {
        const range = strict ? `0 to ${MAX_EVENT_SOURCES - 1}` : `1 to ${MAX_EVENT_SOURCES}`;
        const feedHint = name === 'sources' && text !== '' && !/^[0-9]+$/.test(text) ? `; to match a feed's title write source:${text}` : '';
        this.fail(value, `${label} takes a whole number from ${range}, e.g. sources>=3 (at least 3 independent sources)${feedHint}`);
      }
      condition = { kind: 'sources', min };
    }
    this.next();
    const node: EventConditionNode = { type: 'event', condition };
    this.conditions.push({ node, offset: field.offset, text: `${label}${text}` });
    return node;
  }

  private term(token: LexToken, scope: TermScope): TermNode {
    const kind = token.type as TermKind;
    const words = searchTokens(token.text);
    if (words.length === 0) {
      this.fail(token, kind === 'phrase' ? 'empty phrase: put words between the quotes' : `'${token.text}' has no letters or digits to search for`);
    }
    if (kind === 'prefix' && words[words.length - 1].length < MIN_PREFIX_LENGTH) {
      this.fail(token, `prefix* needs at least ${MIN_PREFIX_LENGTH} letters before '*'`);
    }
    return { type: 'term', kind, scope, text: token.text, words };
  }

  private region(token: LexToken): AlertQueryNode {
    const value = token.text.trim();
    const code = value.length === 2 && isAsciiLetter(value.charCodeAt(0)) && isAsciiLetter(value.charCodeAt(1)) ? value.toUpperCase() : null;
    if (code) return { type: 'region', value: code, countries: [code] };
    const countries = this.opts.resolveRegion?.(value.toLowerCase()) ?? null;
    if (!countries) {
      throw new AlertQueryParseFailure(
        'unknown-region',
        token.offset,
        `unknown region '${value}'; use a two-letter country code (region:SY) or a macro-region id (region:middle-east)`,
      );
    }
    return { type: 'region', value: value.toLowerCase(), countries: [...new Set(countries.map((c) => c.toUpperCase()))] };
  }

  private topic(token: LexToken): AlertQueryNode {
    const topic = token.text.trim().toLowerCase();
    const known = this.opts.knownTopics;
    if (known && !known.has(topic)) {
      let hint = '';
      if (topic.length <= 64) {
        let best: { id: string; distance: number } | null = null;
        for (const id of known) {
          const distance = editDistance(topic, id);
          if (!best || distance < best.distance) best = { id, distance };
        }
        if (best && best.distance <= Math.max(2, Math.floor(best.id.length / 4))) hint = `; did you mean '${best.id}'?`;
      }
      if (!hint && known.size <= 40) hint = `; topics are ${[...known].join(', ')}`;
      throw new AlertQueryParseFailure('unknown-topic', token.offset, `unknown topic '${token.text.trim()}'${hint}`);
    }
    return { type: 'topic', topic };
  }
}

/** The nearest OR or NOT above `target` in the tree (NEAR never holds a condition: the parser refuses it there). */
function enclosingOperator(node: AlertQueryNode, target: AlertQueryNode, nearest: 'OR' | 'NOT' | null = null): 'OR' | 'NOT' | null | undefined {
  if (node === target) return nearest;
  if (node.type === 'and' || node.type === 'or') {
    for (const child of node.children) {
      const found = enclosingOperator(child, target, node.type === 'or' ? 'OR' : nearest);
      if (found !== undefined) return found;
    }
  } else if (node.type === 'not') {
    return enclosingOperator(node.child, target, 'NOT');
  }
  return undefined;
}

/** Builds an AND or OR node, merging children of the same kind: (a AND b) AND c is a AND b AND c. */
function combine(type: 'and' | 'or', children: AlertQueryNode[]): AlertQueryNode {
  if (children.length === 1) return children[0];
  const flat: AlertQueryNode[] = [];
  for (const child of children) {
    if (child.type === type) flat.push(...child.children);
    else flat.push(child);
  }
  return type === 'and' ? { type, children: flat } : { type, children: flat };
}
