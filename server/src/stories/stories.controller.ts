import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Page, Principal, Story } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { StoryQueryDto } from './stories.dto';
import { StoriesService } from './stories.service';
import { Access, Caller } from '../auth/access.decorator';

@Controller('api/stories')
@Access('wall')
export class StoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Get()
  list(@Caller() caller: Principal, @Query() query: StoryQueryDto): Promise<Page<Story>> {
    return this.stories.list(query, caller.scope);
  }

  @Get(':id')
  get(@Caller() caller: Principal, @Param('id', idParam('story')) id: number): Promise<Story> {
    return this.stories.get(id, caller.scope);
  }
}
