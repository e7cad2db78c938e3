import { type Cluster, type ClusterHeadline, headlineIn, isStoryLanguage, preferredStoryLanguage, type StoryLanguage } from '@sentinel/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The language the reader wants event headlines in: English, French, Arabic, or `any` (each
 * event's default headline). Per browser (localStorage), not per account, like the other reading
 * aids; until the reader chooses, the first of en, fr, ar the browser's languages name, else any.
 *
 * Lists and events are fetched with it (`lang`, see headlineLanguageRequest) and every headline on
 * screen goes through `headlineFor`, which picks from the event's `headlines`: socket events carry
 * the default headline, and this keeps a live event in the reader's language too.
 */
export type HeadlineLanguage = StoryLanguage | 'any';

export const HEADLINE_LANGUAGE_KEY = 'sentinel.headlineLanguage';

/** The choices, each named in its own language. */
export const HEADLINE_LANGUAGE_CHOICES: readonly { value: HeadlineLanguage; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
  { value: 'ar', label: 'العربية' },
  { value: 'any', label: 'Any' },
];

/** The headline to show: the event's story in `language` when it has one, otherwise its default. */
export function headlineFor(cluster: Pick<Cluster, 'headline' | 'headlines'>, language: HeadlineLanguage): ClusterHeadline {
  // A server from before headlines per language sends none.
  return headlineIn({ headline: cluster.headline, headlines: cluster.headlines ?? {} }, language === 'any' ? null : language);
}

/**
 * What a request for events says about the language: `lang` for a chosen one; for `any`, an
 * Accept-Language of "*", or the server would pick by the browser's own Accept-Language and the
 * list would disagree with live events, which carry the default headline.
 */
export function headlineLanguageRequest(language: HeadlineLanguage): { lang?: StoryLanguage; headers: Record<string, string> } {
  return language === 'any' ? { headers: { 'Accept-Language': '*' } } : { lang: language, headers: {} };
}

/** What the setting needs of `window`, so a unit test can hand in a stand-in. */
export interface HeadlineLanguageEnvironment {
  localStorage: Pick<Storage, 'getItem' | 'setItem'>;
  navigator: { languages?: readonly string[]; language?: string };
}

function browserEnvironment(): HeadlineLanguageEnvironment | null {
  return typeof window === 'undefined' ? null : window;
}

/** The first of en, fr, ar among the browser's languages, else any. */
export function defaultHeadlineLanguage(navigator: HeadlineLanguageEnvironment['navigator'] | undefined): HeadlineLanguage {
  const languages = navigator?.languages?.length ? navigator.languages : [navigator?.language ?? ''];
  return preferredStoryLanguage(languages.join(',')) ?? 'any';
}

function isHeadlineLanguage(value: unknown): value is HeadlineLanguage {
  return value === 'any' || isStoryLanguage(value);
}

// Kept in memory too: every headline on screen reads it, and storage can be disabled.
let current: HeadlineLanguage | null = null;
const listeners = new Set<() => void>();

export function readHeadlineLanguage(env: HeadlineLanguageEnvironment | null = browserEnvironment()): HeadlineLanguage {
  if (current === null) {
    let stored: string | null = null;
    try {
      stored = env?.localStorage.getItem(HEADLINE_LANGUAGE_KEY) ?? null;
    } catch {
      // Storage disabled: the browser's languages decide.
    }
    current = isHeadlineLanguage(stored) ? stored : defaultHeadlineLanguage(env?.navigator);
  }
  return current;
}

/** Stores the reader's choice and tells every headline on screen. */
export function chooseHeadlineLanguage(language: HeadlineLanguage, env: HeadlineLanguageEnvironment | null = browserEnvironment()): void {
  current = language;
  try {
    env?.localStorage.setItem(HEADLINE_LANGUAGE_KEY, language);
  } catch {
    // Storage refused: the choice lasts until the tab closes.
  }
  for (const listener of listeners) listener();
}

export function subscribeHeadlineLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** For tests: forget what was read, so the next call reads storage again. */
export function resetHeadlineLanguageMemory(): void {
  current = null;
}

export function useHeadlineLanguage(): HeadlineLanguage {
  return useSyncExternalStore(subscribeHeadlineLanguage, readHeadlineLanguage, () => 'any' as const);
}

/**
 * Changes the setting and fetches the events again: those fetched for another language may hold
 * that language's headline where the new choice has none to offer and wants the default.
 */
export function useChooseHeadlineLanguage(): (language: HeadlineLanguage) => void {
  const client = useQueryClient();
  return useCallback(
    (language: HeadlineLanguage) => {
      chooseHeadlineLanguage(language);
      void client.invalidateQueries({ queryKey: queryKeys.clusters.all });
    },
    [client],
  );
}
