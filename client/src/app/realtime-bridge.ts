import type { QueryClient } from '@tanstack/react-query';
import { receiveFiredAlert } from '../features/alerts/api/alerts';
import { ringForAlert } from '../features/alerts/hooks/alert-sound';
import { storeFeed } from '../features/feeds/api/feeds';
import { receiveNewStory, receiveUpdatedStory } from '../features/stories/api/pending';
import { receiveWallStory, receiveWallUpdate } from '../features/wall/api/wall';
import { queryKeys } from '../lib/query-keys';
import type { RealtimeClient } from '../lib/realtime';

/**
 * Socket events into query caches: the one place that knows which feature's cache each event
 * touches. Runs for the life of the tab, whichever page is open, so a cached list that is not on
 * screen is still current when the reader comes back to it.
 */
export function connectRealtimeToCaches(realtime: RealtimeClient, client: QueryClient): () => void {
  const off = [
    realtime.on('story:new', ({ story }) => {
      receiveNewStory(client, story, realtime.currentSubscription);
      receiveWallStory(client, story);
    }),
    realtime.on('story:updated', ({ story }) => {
      receiveUpdatedStory(client, story);
      receiveWallUpdate(client, story);
    }),
    realtime.on('feed:health', ({ feed }) => storeFeed(client, feed)),
    realtime.on('alert:fired', (event) => {
      // Into the banner's list, every matching alert history and the rule's counts; a beep only for one not seen before.
      if (receiveFiredAlert(client, event)) ringForAlert(event.alert);
    }),
    realtime.on('stats', (stats) => client.setQueryData(queryKeys.stats, stats)),
    realtime.on('resync', () => {
      // Too much was missed to replay: everything the server owns is fetched again (the alerts
      // banner's list too: its fetch merges what the socket had already added).
      void client.invalidateQueries();
    }),
    realtime.on('error', ({ message }) => console.warn(`live updates: ${message}`)),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}
