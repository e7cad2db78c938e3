import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { parseStoryFilter, VOLUME_BUCKET_MS, VOLUME_BY, type VolumeBucketSize, type VolumeBy } from '@sentinel/shared';
import { TaggingService } from '../tagging/tagging.service';
import type { VolumeQuery } from './volume.service';

const VOLUME_FIELDS = ['by', 'bucket'] as const;
const BUCKETS = Object.keys(VOLUME_BUCKET_MS) as VolumeBucketSize[];

/**
 * Reads `GET /api/stats/volume?by=&bucket=` plus the story filter, through the one shared
 * parser (the same as GET /api/stories). Any problem is a 400 naming the field.
 */
@Injectable()
export class VolumeQueryPipe implements PipeTransform<unknown, VolumeQuery> {
  constructor(private readonly tagging: TaggingService) {}

  transform(value: unknown): VolumeQuery {
    const query = (value ?? {}) as Record<string, unknown>;
    const by = oneOf('by', query.by, VOLUME_BY);
    const bucket = oneOf('bucket', query.bucket, BUCKETS);
    const parsed = parseStoryFilter(query, { taxonomy: this.tagging, otherFields: VOLUME_FIELDS });
    if (!parsed.ok) throw new BadRequestException(parsed.error);
    return { by: by as VolumeBy, bucket: bucket as VolumeBucketSize, filter: parsed.filter };
  }
}

function oneOf(field: string, raw: unknown, allowed: readonly string[]): string {
  const choices = allowed.join(' or ');
  if (raw === undefined || raw === '') throw new BadRequestException(`${field} is required: ${choices}`);
  if (typeof raw !== 'string' || !allowed.includes(raw)) throw new BadRequestException(`${field} must be ${choices}`);
  return raw;
}
