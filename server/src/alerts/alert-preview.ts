import type { CompiledAlertQuery, PreviewResponse, Story } from '@sentinel/shared';
import { matchStory, prepareStory } from '@sentinel/shared';
import { decide, matchCounts, RuleState } from './alert-decision';

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
}

/**
 * Which of `stories` (in the order they were first seen) the rule would have matched, and how often it would have
 * fired with its mode and cooldown. Linear in the stories, and never holds the event loop for
 * much more than `sliceMs`, however many stories there are.
 */
export async function backtest(stories: readonly Story[], query: CompiledAlertQuery, rule: RuleState, options: BacktestOptions = {}): Promise<PreviewResponse> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const timeline = options.timeline ?? new MatchTimeline();
  const state: RuleState = { ...rule };
  const fired: PreviewResponse['alerts'] = [];
  let matched = 0;
  let sliceStart = performance.now();
  for (let i = 0; i < stories.length; i++) {
    if (i % CLOCK_EVERY === CLOCK_EVERY - 1 && performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      options.onYield?.();
      sliceStart = performance.now();
    }
    const story = stories[i];
    if (!matchStory(query, prepareStory(story))) continue;
    // Live matching times a match by when the story was first seen (alert-engine.service.ts), so the backtest does too.
    const at = Date.parse(story.firstSeenAt);
    const counts = await matchCounts(state, at, (from, to) => timeline.countBetween(at, from, to));
    timeline.add(at);
    matched++;
    const decision = decide(state, at, counts);
    if (decision.kind === 'fire') {
      fired.push({ firedAt: story.firstSeenAt, storyId: story.id, storyTitle: story.title, attached: 0 });
      state.lastFiredAt = at;
      state.lastAlertId = fired.length;
    } else if (decision.kind === 'attach') {
      fired[fired.length - 1].attached++;
    }
  }
  return { scanned: stories.length, matched, wouldFire: fired.length, alerts: fired.reverse().slice(0, PREVIEW_SHOWN) };
}
