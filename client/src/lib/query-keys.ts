/**
 * Every query key of the app in one place, because socket events (app/realtime-bridge.ts) write
 * into caches that several features read.
 */
export const queryKeys = {
  /** Who is signed in: `MeResponse`, or null when nobody is (see features/auth). */
  me: ['me'] as const,
  setup: ['auth', 'setup'] as const,
  admin: {
    users: ['admin', 'users'] as const,
    tokens: ['admin', 'tokens'] as const,
    audit: ['admin', 'audit'] as const,
    publisherFamilies: ['admin', 'publisher-families'] as const,
  },
  taxonomy: ['taxonomy'] as const,
  feeds: ['feeds'] as const,
  stats: ['stats'] as const,
  firedAlerts: ['alerts', 'fired'] as const,
  alerts: {
    all: ['alerts'] as const,
    rules: ['alerts', 'rules'] as const,
    channels: ['alerts', 'channels'] as const,
    histories: ['alerts', 'history'] as const,
    /** The filter object itself is the last part, so the realtime bridge can tell which lists a new alert belongs in. */
    history: (filter: { ruleId: number | null; acknowledged: boolean | null }) => ['alerts', 'history', filter] as const,
  },
  stories: {
    all: ['stories'] as const,
    lists: ['stories', 'list'] as const,
    list: (filterKey: string) => ['stories', 'list', filterKey] as const,
    pendingAll: ['stories', 'pending'] as const,
    pending: (filterKey: string) => ['stories', 'pending', filterKey] as const,
    probe: (filterKey: string) => ['stories', 'probe', filterKey] as const,
    detail: (id: number) => ['stories', 'detail', id] as const,
  },
  /** Server volume series (GET /api/stats/volume): the filter key, then what they count by, the bucket size and what they count (stories or events). */
  volume: {
    all: ['volume'] as const,
    series: (filterKey: string, by: string, bucket: string, count = 'stories') => ['volume', filterKey, by, bucket, count] as const,
  },
  /** Events (clusters of stories). The list params object is the last part, so live events can tell which lists they belong in. */
  clusters: {
    all: ['clusters'] as const,
    lists: ['clusters', 'list'] as const,
    list: (params: object) => ['clusters', 'list', params] as const,
    details: ['clusters', 'detail'] as const,
    detail: (id: number) => ['clusters', 'detail', id] as const,
  },
  wall: {
    all: ['wall'] as const,
    streams: ['wall', 'stream'] as const,
    stream: (scopeKey: string) => ['wall', 'stream', scopeKey] as const,
    digests: ['wall', 'digest'] as const,
    digest: (scopeKey: string) => ['wall', 'digest', scopeKey] as const,
  },
};
