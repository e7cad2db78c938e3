import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Page, Story } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { StoryQueryDto } from './stories.dto';
import { StoriesService } from './stories.service';

@Controller('api/stories')
export class StoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Get()
  list(@Query() query: StoryQueryDto): Promise<Page<Story>> {
    return this.stories.list(query);
  }

  @Get(':id')
  get(@Param('id', idParam('story')) id: number): Promise<Story> {
    return this.stories.get(id);
  }
}
