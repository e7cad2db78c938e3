import type { AlertMode, AlertRule, AlertSeverity, PreviewRequest, SaveAlertRuleRequest } from '@sentinel/shared';

/**
 * The rule editor's state and its translation to the API. Durations are edited in minutes and
 * numbers are kept as the text typed, so a field can be cleared while typing without snapping
 * back to 0; they become numbers (seconds) only when the rule is saved or previewed.
 */
export interface RuleDraft {
  name: string;
  query: string;
  mode: AlertMode;
  severity: AlertSeverity;
  channels: number[];
  enabled: boolean;
  /** One follow-up alert when an event alerted on before it was corroborated becomes corroborated. */
  followUpOnCorroboration: boolean;
  threshold: string;
  windowMinutes: string;
  cooldownMinutes: string;
}

/** The server's limits, checked here too so the analyst hears about them next to the field. */
const MAX_MINUTES = 7 * 24 * 60;
const MAX_MINUTES_TEXT = MAX_MINUTES.toLocaleString('en-US');
const MAX_THRESHOLD = 1000;

export type RuleDraftField = 'name' | 'threshold' | 'windowMinutes' | 'cooldownMinutes';

export interface RuleDraftProblem {
  field: RuleDraftField;
  message: string;
}

export type RuleDraftResult = { ok: true; request: SaveAlertRuleRequest } | { ok: false; problems: RuleDraftProblem[] };

export const NEW_RULE_DRAFT: RuleDraft = {
  name: '',
  query: '',
  mode: 'each',
  severity: 'warning',
  channels: [],
  enabled: true,
  followUpOnCorroboration: false,
  threshold: '5',
  windowMinutes: '60',
  cooldownMinutes: '30',
};

/** Modes that count stories within a window. */
export function modeUsesWindow(mode: AlertMode): boolean {
  return mode === 'threshold' || mode === 'spike';
}

function minutesText(seconds: number): string {
  return String(Math.round((seconds / 60) * 100) / 100);
}

export function draftFromRule(rule: AlertRule): RuleDraft {
  return {
    name: rule.name,
    query: rule.query,
    mode: rule.mode,
    severity: rule.severity,
    channels: [...rule.channels],
    enabled: rule.enabled,
    followUpOnCorroboration: rule.followUpOnCorroboration,
    threshold: String(rule.threshold),
    windowMinutes: minutesText(rule.windowSec),
    cooldownMinutes: minutesText(rule.cooldownSec),
  };
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Checks what the query parser does not: the name and the numbers. The query is checked live, apart. */
export function draftToRequest(draft: RuleDraft): RuleDraftResult {
  const problems: RuleDraftProblem[] = [];
  const name = draft.name.trim();
  if (!name) problems.push({ field: 'name', message: 'Give the rule a name.' });
  const cooldown = parseNumber(draft.cooldownMinutes);
  if (cooldown === null || cooldown < 0 || cooldown > MAX_MINUTES) {
    problems.push({ field: 'cooldownMinutes', message: `Cooldown is a number of minutes from 0 to ${MAX_MINUTES_TEXT} (a week).` });
  }
  const threshold = parseNumber(draft.threshold);
  const window = parseNumber(draft.windowMinutes);
  const checkWindow = modeUsesWindow(draft.mode);
  if (checkWindow && (threshold === null || threshold < 1 || threshold > MAX_THRESHOLD || !Number.isInteger(threshold))) {
    problems.push({ field: 'threshold', message: `The number of stories is a whole number from 1 to ${MAX_THRESHOLD.toLocaleString('en-US')}.` });
  }
  if (checkWindow && (window === null || window < 1 || window > MAX_MINUTES)) {
    problems.push({ field: 'windowMinutes', message: `The window is a number of minutes from 1 to ${MAX_MINUTES_TEXT} (a week).` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const request: SaveAlertRuleRequest = {
    name,
    query: draft.query,
    mode: draft.mode,
    severity: draft.severity,
    channels: [...draft.channels].sort((a, b) => a - b),
    enabled: draft.enabled,
    followUpOnCorroboration: draft.followUpOnCorroboration,
    cooldownSec: Math.round(cooldown! * 60),
  };
  // In `each` mode the inputs are hidden and may hold anything; the rule keeps its stored values.
  if (checkWindow) {
    request.threshold = threshold!;
    request.windowSec = Math.round(window! * 60);
  }
  return { ok: true, request };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  const sortedA = [...a].sort((x, y) => x - y);
  const sortedB = [...b].sort((x, y) => x - y);
  return sortedA.length === sortedB.length && sortedA.every((value, index) => value === sortedB[index]);
}

/** The PATCH body for an edit: only what changed, so two analysts editing different fields do not undo each other. */
export function changedFields(rule: AlertRule, request: SaveAlertRuleRequest): Partial<SaveAlertRuleRequest> {
  const changes: Partial<SaveAlertRuleRequest> = {};
  if (request.name !== rule.name) changes.name = request.name;
  if (request.query !== rule.query) changes.query = request.query;
  if (request.mode !== undefined && request.mode !== rule.mode) changes.mode = request.mode;
  if (request.severity !== undefined && request.severity !== rule.severity) changes.severity = request.severity;
  if (request.channels !== undefined && !sameNumbers(request.channels, rule.channels)) changes.channels = request.channels;
  if (request.enabled !== undefined && request.enabled !== rule.enabled) changes.enabled = request.enabled;
  if (request.followUpOnCorroboration !== undefined && request.followUpOnCorroboration !== rule.followUpOnCorroboration) changes.followUpOnCorroboration = request.followUpOnCorroboration;
  if (request.cooldownSec !== undefined && request.cooldownSec !== rule.cooldownSec) changes.cooldownSec = request.cooldownSec;
  if (request.threshold !== undefined && request.threshold !== rule.threshold) changes.threshold = request.threshold;
  if (request.windowSec !== undefined && request.windowSec !== rule.windowSec) changes.windowSec = request.windowSec;
  return changes;
}

export const PREVIEW_RANGES = [
  { id: '24h', label: 'Last 24 hours', hours: 24 },
  { id: '7d', label: 'Last 7 days', hours: 7 * 24 },
  { id: '30d', label: 'Last 30 days', hours: 30 * 24 },
] as const;

export type PreviewRangeId = (typeof PREVIEW_RANGES)[number]['id'];

/** The backtest request for the draft as it stands; null while numbers the mode needs are invalid. */
export function draftToPreview(draft: RuleDraft, range: PreviewRangeId, now: number): PreviewRequest | null {
  const hours = PREVIEW_RANGES.find((entry) => entry.id === range)?.hours ?? 24;
  const result = draftToRequest({ ...draft, name: draft.name.trim() || 'preview' });
  if (!result.ok) return null;
  const { query, mode, threshold, windowSec, cooldownSec } = result.request;
  return { query, mode, threshold, windowSec, cooldownSec, since: new Date(now - hours * 3_600_000).toISOString() };
}
