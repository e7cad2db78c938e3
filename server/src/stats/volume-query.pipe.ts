import { Injectable, PipeTransform } from '@nestjs/common';
import { DEFAULT_VOLUME_COUNT, parseStoryFilter, VOLUME_BUCKET_MS, VOLUME_BY, VOLUME_COUNTS, type VolumeBucketSize, type VolumeBy, type VolumeCount } from '@sentinel/shared';
import { InvalidInputError } from '../common/domain-error';
import { TaggingService } from '../tagging/tagging.service';
import type { VolumeQuery } from './volume.service';

const VOLUME_FIELDS = ['by', 'bucket', 'count'] as const;
const BUCKETS = Object.keys(VOLUME_BUCKET_MS) as VolumeBucketSize[];

/**
 * Reads `GET /api/stats/volume?by=&bucket=&count=` plus the story filter, through the one shared
 * parser (the same as GET /api/stories). `count` may be left out (stories). Any problem is a 400
 * naming the field and what it may be.
 */
@Injectable()
export class VolumeQueryPipe implements PipeTransform<unknown, VolumeQuery> {
  constructor(private readonly tagging: TaggingService) {}

  transform(value: unknown): VolumeQuery {
    const query = (value ?? {}) as Record<string, unknown>;
    const by = oneOf('by', query.by, VOLUME_BY);
    const bucket = oneOf('bucket', query.bucket, BUCKETS);
    const count = oneOf('count', query.count, VOLUME_COUNTS, DEFAULT_VOLUME_COUNT);
    const parsed = parseStoryFilter(query, { taxonomy: this.tagging, otherFields: VOLUME_FIELDS });
    if (!parsed.ok) throw new InvalidInputError(parsed.error);
    return { by: by as VolumeBy, bucket: bucket as VolumeBucketSize, count: count as VolumeCount, filter: parsed.filter };
  }
}

/** The value of a field that must be one of `allowed`; left out, it is `fallback`, or refused when there is none. */
function oneOf(field: string, raw: unknown, allowed: readonly string[], fallback?: string): string {
  const choices = allowed.join(' or ');
  if (raw === undefined && fallback !== undefined) return fallback;
  if (fallback === undefined && (raw === undefined || raw === '')) throw new InvalidInputError(`${field} is required: ${choices}`);
  if (typeof raw !== 'string' || !allowed.includes(raw)) throw new InvalidInputError(`${field} must be ${choices}`);
  return raw;
}
