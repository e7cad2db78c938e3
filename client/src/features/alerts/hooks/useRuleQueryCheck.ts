import { useDeferredValue, useMemo } from 'react';
import { useTaxonomyQuery } from '../../../lib/taxonomy';
import { alertQueryOptions, checkAlertQuery, type QueryCheck } from './query-check';

/** The query as typed, checked on every keystroke (deferred, so typing stays smooth on a long rule). */
export function useRuleQueryCheck(query: string): QueryCheck {
  const { data: taxonomy } = useTaxonomyQuery();
  const options = useMemo(() => alertQueryOptions(taxonomy ?? null), [taxonomy]);
  const deferred = useDeferredValue(query);
  return useMemo(() => checkAlertQuery(deferred, options), [deferred, options]);
}
