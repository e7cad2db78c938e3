import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { isStoryLanguage, STORY_LANGUAGES, type StoryLanguage } from '@sentinel/shared';
import { InvalidInputError } from '../common/domain-error';
import { TaggingService } from '../tagging/tagging.service';
import type { ClusterListQuery } from './clusters.service';

export const CLUSTER_PAGE_DEFAULT = 50;
export const CLUSTER_PAGE_MAX = 200;
const FIELDS = ['since', 'changedSince', 'region', 'topic', 'q', 'minSources', 'breaking', 'limit', 'cursor', 'lang'];

/** Reads `GET /api/clusters?...`; any problem is a 400 that names the field and what to send. */
@Injectable()
export class ClusterListQueryPipe implements PipeTransform<unknown, ClusterListQuery> {
  constructor(private readonly tagging: TaggingService) {}

  transform(value: unknown): ClusterListQuery {
    const query = (value ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(query).filter((k) => !FIELDS.includes(k));
    if (unknown.length) throw new BadRequestException(`unknown parameter ${unknown[0]}; use ${FIELDS.join(', ')}`);
    const text = (name: string): string | undefined => {
      const raw = query[name];
      if (raw === undefined || raw === '') return undefined;
      if (typeof raw !== 'string') throw new BadRequestException(`${name} must be given once`);
      return raw;
    };
    const time = (name: string): number | undefined => {
      const raw = text(name);
      if (raw === undefined) return undefined;
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) throw new BadRequestException(`${name} must be an ISO 8601 time such as 2025-03-01T08:00:00Z`);
      return ms;
    };
    const whole = (name: string, min: number, max: number): number | undefined => {
      const raw = text(name);
      if (raw === undefined) return undefined;
      const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= min && n <= max)) throw new BadRequestException(`${name} must be a whole number from ${min} to ${max}`);
      return n;
    };
    const region = text('region');
    if (region !== undefined && !this.tagging.resolveRegion(region)) throw new BadRequestException(`region ${region} is not known: use an ISO country code (SY) or a macro-region id from /api/taxonomy`);
    const topic = text('topic');
    if (topic !== undefined && !this.tagging.isTopic(topic)) throw new BadRequestException(`topic ${topic} is not known: use a topic id from /api/taxonomy`);
    const breaking = text('breaking');
    if (breaking !== undefined && breaking !== 'true' && breaking !== 'false') throw new BadRequestException('breaking must be true or false');
    const q = text('q');
    if (q !== undefined && q.length > 200) throw new BadRequestException('q must be at most 200 characters');
    const cursor = text('cursor');
    if (cursor !== undefined && cursor.length > 100) throw new BadRequestException('cursor is not valid: pass back the nextCursor of the previous page unchanged');
    return {
      since: time('since'),
      changedSince: time('changedSince'),
      region,
      topic,
      q,
      minSources: whole('minSources', 1, 1000),
      breaking: breaking === undefined ? undefined : breaking === 'true',
      limit: whole('limit', 1, CLUSTER_PAGE_MAX) ?? CLUSTER_PAGE_DEFAULT,
      cursor,
      lang: headlineLanguage(query.lang),
    };
  }
}

/** `lang` of `GET /api/clusters` and `GET /api/clusters/:id`: the language the headline should be in, when the event has a story in it. */
export function headlineLanguage(raw: unknown): StoryLanguage | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!isStoryLanguage(raw)) throw new InvalidInputError(`lang must be one of ${STORY_LANGUAGES.join(', ')} (the language of the headline), or left out for the default`);
  return raw;
}

/** Reads `lang` alone, for routes that take no other query parameter. */
@Injectable()
export class HeadlineLanguagePipe implements PipeTransform<unknown, StoryLanguage | undefined> {
  transform(value: unknown): StoryLanguage | undefined {
    return headlineLanguage(value);
  }
}
