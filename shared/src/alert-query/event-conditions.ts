/**
 * Event conditions of a rule (`sources>=3`, `breaking:true`, `corroborated:true`): what they ask
 * of the event (cluster) a story belongs to, checked apart from the story's text. The parser keeps
 * them at the top level of a rule, ANDed with the rest, so a rule matches a story when its terms
 * match the story and every condition holds for the story's event.
 */
import type { CorroborationLevel } from '../clusters';
import type { AlertQueryNode, EventCondition } from './ast';

/** What the conditions read of an event; the API's `Cluster` has all of it. */
export interface MatchableEvent {
  sources: { independent: number };
  corroboration: { level: CorroborationLevel };
  breaking: boolean;
}

/**
 * Corroborated: more than one independent voice, not all of them official. The one definition
 * behind `corroborated:` and the follow-up sent when an alerted event becomes corroborated.
 */
export function isCorroborated(level: CorroborationLevel): boolean {
  return level !== 'single-source' && level !== 'official-only';
}

/**
 * The event of a story that was never placed in one (stored outside the clustering window, or
 * clustering failed): the story alone, one source, not corroborated, not breaking.
 */
export const LONE_STORY_EVENT: MatchableEvent = { sources: { independent: 1 }, corroboration: { level: 'single-source' }, breaking: false };

/** The event conditions of a parsed rule, in the order written (they only ever sit at its top level). */
export function eventConditionsOf(root: AlertQueryNode): EventCondition[] {
  const top = root.type === 'and' ? root.children : [root];
  return top.flatMap((node) => (node.type === 'event' ? [node.condition] : []));
}

/** The rule without its event conditions: what is matched against the story's text; null when nothing is left. */
export function storyPartOf(root: AlertQueryNode): AlertQueryNode | null {
  if (root.type === 'event') return null;
  if (root.type !== 'and') return root;
  const children = root.children.filter((node) => node.type !== 'event');
  if (children.length === root.children.length) return root;
  if (children.length === 0) return null;
  return children.length === 1 ? children[0] : { type: 'and', children };
}

export function eventSatisfies(conditions: readonly EventCondition[], event: MatchableEvent): boolean {
  return conditions.every((condition) => {
    switch (condition.kind) {
      case 'sources':
        return event.sources.independent >= condition.min;
      case 'breaking':
        return event.breaking === condition.value;
      case 'corroborated':
        return isCorroborated(event.corroboration.level) === condition.value;
    }
  });
}
