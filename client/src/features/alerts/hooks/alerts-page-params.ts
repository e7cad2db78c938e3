import type { AlertHistoryFilter } from '../api/alert-cache';

/**
 * The alerts page keeps what is open in the URL, like every view: `?edit=new` or `?edit=<rule id>`
 * for the editor, `?rule=<id>&ack=false` for the history filter. A reload or a shared link shows
 * the same thing.
 */
export type RuleEditTarget = { kind: 'new' } | { kind: 'rule'; id: number } | null;

function positiveId(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function parseEditTarget(params: URLSearchParams): RuleEditTarget {
  const edit = params.get('edit');
  if (edit === 'new') return { kind: 'new' };
  const id = positiveId(edit);
  return id === null ? null : { kind: 'rule', id };
}

export function parseHistoryFilter(params: URLSearchParams): AlertHistoryFilter {
  const ack = params.get('ack');
  return { ruleId: positiveId(params.get('rule')), acknowledged: ack === 'true' ? true : ack === 'false' ? false : null };
}

export function writeEditTarget(params: URLSearchParams, target: RuleEditTarget): URLSearchParams {
  const next = new URLSearchParams(params);
  if (target === null) next.delete('edit');
  else next.set('edit', target.kind === 'new' ? 'new' : String(target.id));
  return next;
}

export function writeHistoryFilter(params: URLSearchParams, filter: AlertHistoryFilter): URLSearchParams {
  const next = new URLSearchParams(params);
  if (filter.ruleId === null) next.delete('rule');
  else next.set('rule', String(filter.ruleId));
  if (filter.acknowledged === null) next.delete('ack');
  else next.set('ack', String(filter.acknowledged));
  return next;
}
