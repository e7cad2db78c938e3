import type { CompiledAlertQuery, MatchableEvent, PreviewResponse, Story } from '@sentinel/shared';
import { LONE_STORY_EVENT, matchEvent, matchStory, prepareStory } from '@sentinel/shared';
import { decideForEvent, matchCounts, RuleState } from './alert-decision';

const PREVIEW_SHOWN = 100;
/** The longest the backtest computes before it lets other requests and sockets run. */
const SLICE_MS = 15;
/** How often (in stories) the clock is read. */
const CLOCK_EVERY = 64;

/**
 * The rule's earlier matches in (from, to], for a walk over matches in time order. Every window
 * a decision asks for ends a fixed distance before the current match (now, an hour before, 25
 * hours before, `windowSec` before), and the current match never moves back, so each distance
 * keeps a cursor that only moves forward: the whole walk is linear in the matches, in any mode.
 */
export class MatchTimeline {
  private readonly times: number[] = [];
  private readonly cursors = new Map<number, number>();
  /** Cursor moves so far: the work done, which the linearity test counts. */
  steps = 0;

  /** Adds a match; times must come in order, oldest first. */
  add(at: number): void {
    this.times.push(at);
  }

  /** Matches in (from, to], asked while the walk is at `at` (which never goes back). */
  countBetween(at: number, from: number, to: number): number {
    return this.matchesUpTo(at - to, to) - this.matchesUpTo(at - from, from);
  }

  private matchesUpTo(distance: number, time: number): number {
    let i = this.cursors.get(distance) ?? 0;
    while (i < this.times.length && this.times[i] <= time) {
      i++;
      this.steps++;
    }
    this.cursors.set(distance, i);
    return i;
  }
}

export interface BacktestOptions {
  /** Computing longer than this yields to the event loop (setImmediate). */
  sliceMs?: number;
  /** Called at each yield (for tests). */
  onYield?: () => void;
  /** The timeline to count with (tests read its `steps`). */
  timeline?: MatchTimeline;
  /**
   * The events (clusters) with these ids as they are now, for a rule with event conditions;
   * without it, or for a story never placed in an event, the story counts as its own event.
   */
  loadEvents?: (clusterIds: number[]) => Promise<ReadonlyMap<number, MatchableEvent>>;
}

/**
 * Which of `stories` (in the order they were first seen) the rule would have matched, and how
 * often it would have fired with its mode and cooldown, once per event as live matching does: a
 * later match of an event that already fired attaches to its alert. Event conditions are checked
 * against each event as it is now (see PreviewResponse). Linear in the stories, and the matching
 * never holds the event loop for much more than `sliceMs`, however many stories there are.
 */
export async function backtest(stories: readonly Story[], query: CompiledAlertQuery, rule: RuleState, options: BacktestOptions = {}): Promise<PreviewResponse> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const timeline = options.timeline ?? new MatchTimeline();
  const state: RuleState = { ...rule };
  const fired: (PreviewResponse['alerts'][number] & { clusterId: number | null })[] = [];
  const matches: Story[] = [];
  let sliceStart = performance.now();
  for (let i = 0; i < stories.length; i++) {
    if (i % CLOCK_EVERY === CLOCK_EVERY - 1 && performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      options.onYield?.();
      sliceStart = performance.now();
    }
    if (matchStory(query, prepareStory(stories[i]))) matches.push(stories[i]);
  }
  const placed = [...new Set(matches.flatMap((s) => (s.clusterId === null ? [] : [s.clusterId])))];
  const events = query.eventConditions.length > 0 && options.loadEvents && placed.length > 0 ? await options.loadEvents(placed) : new Map<number, MatchableEvent>();
  /** 1-based index in `fired` of the alert of each event. */
  const alertOfEvent = new Map<number, number>();
  for (const story of matches) {
    // Live matching times a match by when the story was first seen (alert-engine.service.ts), so the backtest does too.
    const at = Date.parse(story.firstSeenAt);
    const event = (story.clusterId === null ? undefined : events.get(story.clusterId)) ?? LONE_STORY_EVENT;
    const conditionsMet = matchEvent(query, event);
    const counts = await matchCounts(state, at, (from, to) => timeline.countBetween(at, from, to));
    const decision = decideForEvent(state, at, counts, { eventAlertId: (story.clusterId !== null && alertOfEvent.get(story.clusterId)) || null, conditionsMet });
    // A match awaiting its event does not count towards threshold and spike, as live.
    if (conditionsMet) timeline.add(at);
    if (decision.kind === 'fire') {
      fired.push({ firedAt: story.firstSeenAt, storyId: story.id, storyTitle: story.title, attached: 0, clusterId: story.clusterId });
      state.lastFiredAt = at;
      state.lastAlertId = fired.length;
      if (story.clusterId !== null) alertOfEvent.set(story.clusterId, fired.length);
    } else if (decision.kind === 'attach') {
      fired[decision.alertId - 1].attached++;
    }
  }
  const alerts = fired.map(({ clusterId: _clusterId, ...alert }) => alert);
  return { scanned: stories.length, matched: matches.length, wouldFire: fired.length, alerts: alerts.reverse().slice(0, PREVIEW_SHOWN) };
}
