import { Inject, Injectable } from '@nestjs/common';
import type { StatsEvent } from '@sentinel/shared';
import { FeedsService } from '../feeds/feeds.service';
import { VolumeService } from '../stats/volume.service';
import { StoriesService } from '../stories/stories.service';
import { TAXONOMY_LOOKUP, TaxonomyLookup } from '../tagging/taxonomy-lookup';

const HOUR_MS = 3600_000;

/** The wall's summary figures: last hour's stories and events by topic and macro-region, feed health, clients. */
@Injectable()
export class StatsService {
  constructor(
    private readonly stories: StoriesService,
    private readonly feeds: FeedsService,
    @Inject(TAXONOMY_LOOKUP) private readonly taxonomy: TaxonomyLookup,
    private readonly volume: VolumeService,
  ) {}

  async current(clients: number, now = Date.now()): Promise<StatsEvent> {
    const [tags, events, feeds] = await Promise.all([this.stories.tagCountsSince(now - HOUR_MS), this.volume.eventCountsSince(now - HOUR_MS), this.feeds.statusCounts()]);
    const lastHourByTopic: Record<string, number> = {};
    const lastHourByRegion: Record<string, number> = {};
    for (const { kind, value, count } of tags) {
      if (kind === 'topic') lastHourByTopic[value] = count;
      else {
        const macro = this.taxonomy.macroRegionOf(value);
        if (macro) lastHourByRegion[macro] = (lastHourByRegion[macro] ?? 0) + count;
      }
    }
    return {
      at: new Date(now).toISOString(),
      lastHourByTopic,
      lastHourByRegion,
      lastHourEventsByTopic: events.byTopic,
      lastHourEventsByRegion: events.byMacroRegion,
      feeds: { ok: feeds.ok, stale: feeds.stale, error: feeds.error, pending: feeds.pending },
      clients,
    };
  }
}
