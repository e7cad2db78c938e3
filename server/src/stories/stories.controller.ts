import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Page, Principal, Story } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { StoriesService, type StoryListQuery } from './stories.service';
import { StoryListQueryPipe } from './story-list-query.pipe';
import { Access, Caller } from '../auth/access.decorator';

@Controller('api/stories')
@Access('wall')
export class StoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Get()
  list(@Caller() caller: Principal, @Query(StoryListQueryPipe) query: StoryListQuery): Promise<Page<Story>> {
    return this.stories.list(query, caller.scope);
  }

  @Get(':id')
  get(@Caller() caller: Principal, @Param('id', idParam('story')) id: number): Promise<Story> {
    return this.stories.get(id, caller.scope);
  }
}
