import { LIVE_EVENT_KINDS, type LiveEventKind, type LiveEventPayloads } from '@sentinel/shared';
import type { QueryClient } from '@tanstack/react-query';
import { receiveFiredAlert } from '../features/alerts/api/alerts';
import { ringForAlert } from '../features/alerts/hooks/alert-sound';
import { receiveCluster, receiveMergedCluster } from '../features/clusters/api/cluster-cache';
import { storeFeed } from '../features/feeds/api/feeds';
import { receiveNewStory, receiveUpdatedStory } from '../features/stories/api/pending';
import { receiveWallStory, receiveWallUpdate } from '../features/wall/api/wall';
import { queryKeys } from '../lib/query-keys';
import type { RealtimeClient } from '../lib/realtime';
import { EventVolumeRefresh, receiveVolumeStory, refreshVolumes } from '../lib/volume-api';

/** How long re-tagged or edited stories are gathered before the volume series are fetched again. */
const VOLUME_REFRESH_DELAY_MS = 2_000;

/**
 * Socket events into query caches: the one place that knows which feature's cache each event
 * touches. Runs for the life of the tab, whichever page is open, so a cached list that is not on
 * screen is still current when the reader comes back to it. The table has one entry per event
 * declared in shared/src/events.ts, so a new kind does not compile until it is handled here.
 */
export function connectRealtimeToCaches(realtime: RealtimeClient, client: QueryClient): () => void {
  let volumeRefresh: ReturnType<typeof setTimeout> | null = null;
  const eventVolumes = new EventVolumeRefresh(client);
  const handlers: LiveEventHandlers = {
    'cluster:new': ({ cluster }) => {
      receiveCluster(client, cluster);
      eventVolumes.eventChanged();
    },
    'cluster:updated': ({ cluster }) => {
      receiveCluster(client, cluster);
      eventVolumes.eventChanged();
    },
    'cluster:merged': (event) => receiveMergedCluster(client, event),
    'story:new': (event) => {
      receiveNewStory(client, event.story);
      receiveWallStory(client, event.story);
      receiveVolumeStory(client, event);
    },
    'story:updated': ({ story }) => {
      receiveUpdatedStory(client, story);
      receiveWallUpdate(client, story);
      // Its tags may have changed (a re-tag sends hundreds at once): one refetch for the burst.
      volumeRefresh ??= setTimeout(() => {
        volumeRefresh = null;
        refreshVolumes(client);
      }, VOLUME_REFRESH_DELAY_MS);
    },
    'feed:health': ({ feed }) => storeFeed(client, feed),
    'alert:fired': (event) => {
      // Into the banner's list, every matching alert history and the rule's counts; a beep only for one not seen before.
      if (receiveFiredAlert(client, event)) ringForAlert(event.alert);
    },
    stats: (stats) => client.setQueryData(queryKeys.stats, stats),
    resync: () => {
      // Too much was missed to replay: everything the server owns is fetched again (the alerts
      // banner's list and the volume series too: their fetch replaces what the socket had added).
      void client.invalidateQueries();
    },
    error: ({ message }) => console.warn(`live updates: ${message}`),
  };
  const off = LIVE_EVENT_KINDS.map((kind) => realtime.on(kind, handlers[kind] as never));
  return () => {
    off.forEach((unsubscribe) => unsubscribe());
    if (volumeRefresh) clearTimeout(volumeRefresh);
    eventVolumes.stop();
  };
}

type LiveEventHandlers = { [K in LiveEventKind]: (event: LiveEventPayloads[K]) => void };
