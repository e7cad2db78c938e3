import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { parseStoryFilter, STORY_PAGE_DEFAULT, STORY_PAGE_MAX } from '@sentinel/shared';
import { TaggingService } from '../tagging/tagging.service';
import type { StoryListQuery } from './stories.service';

const PAGE_FIELDS = ['limit', 'cursor'] as const;
const MAX_CURSOR_LENGTH = 100;

/**
 * Reads `GET /api/stories?...`: the story filter through the one shared parser (regions and
 * topics checked against the taxonomy), then the page. Any problem is a 400 naming the field.
 */
@Injectable()
export class StoryListQueryPipe implements PipeTransform<unknown, StoryListQuery> {
  constructor(private readonly tagging: TaggingService) {}

  transform(value: unknown): StoryListQuery {
    const query = (value ?? {}) as Record<string, unknown>;
    const parsed = parseStoryFilter(query, { taxonomy: this.tagging, otherFields: PAGE_FIELDS });
    if (!parsed.ok) throw new BadRequestException(parsed.error);
    return { filter: parsed.filter, limit: pageLimit(query.limit), cursor: cursorOf(query.cursor) };
  }
}

function pageLimit(raw: unknown): number {
  if (raw === undefined || raw === '') return STORY_PAGE_DEFAULT;
  const limit = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(limit)) throw new BadRequestException(`limit must be a whole number between 1 and ${STORY_PAGE_MAX}`);
  if (limit < 1) throw new BadRequestException(`limit must be between 1 and ${STORY_PAGE_MAX}`);
  if (limit > STORY_PAGE_MAX) throw new BadRequestException(`limit must be at most ${STORY_PAGE_MAX}`);
  return limit;
}

function cursorOf(raw: unknown): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > MAX_CURSOR_LENGTH) throw new BadRequestException('cursor is not valid: pass back the nextCursor of the previous page unchanged');
  return raw;
}
