import { useCallback, useMemo } from 'react';
import { useUrlState } from '../../../lib/url-state';
import type { AlertHistoryFilter } from '../api/alert-cache';
import { parseEditTarget, parseHistoryFilter, writeEditTarget, writeHistoryFilter, type RuleEditTarget } from './alerts-page-params';

/** The open editor and the history filter of `/alerts`, read from and written to the URL. */
export function useAlertsPageState() {
  const { params, setParams } = useUrlState();
  const editTarget = useMemo(() => parseEditTarget(params), [params]);
  const historyFilter = useMemo(() => parseHistoryFilter(params), [params]);
  const setEditTarget = useCallback((target: RuleEditTarget) => setParams(writeEditTarget(params, target)), [params, setParams]);
  // Filter changes replace the history entry: Back should leave the page, not undo a select.
  const setHistoryFilter = useCallback(
    (filter: AlertHistoryFilter) => setParams(writeHistoryFilter(params, filter), { replace: true }),
    [params, setParams],
  );
  return { editTarget, setEditTarget, historyFilter, setHistoryFilter };
}
