import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { type Cluster, type ClusterDetail, type Page, preferredStoryLanguage, type Principal, type StoryLanguage } from '@sentinel/shared';
import { Access, Caller } from '../auth/access.decorator';
import { idParam } from '../common/id-param';
import { ClusterListQueryPipe, HeadlineLanguagePipe } from './cluster-list-query.pipe';
import { MergeClusterDto, SplitClusterDto } from './clusters.dto';
import { type ClusterListQuery, ClustersService } from './clusters.service';

@Controller('api/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  // The headline follows `lang`, else Accept-Language, so the answer varies with that header too.
  @Get()
  @Access('wall')
  @Header('Vary', 'Accept-Language')
  list(@Caller() caller: Principal, @Query(ClusterListQueryPipe) query: ClusterListQuery, @Headers('accept-language') acceptLanguage?: string): Promise<Page<Cluster>> {
    return this.clusters.list(query, caller.scope, readerLanguage(query.lang, acceptLanguage));
  }

  @Get(':id')
  @Access('wall')
  @Header('Vary', 'Accept-Language')
  get(
    @Caller() caller: Principal,
    @Param('id', idParam('cluster')) id: number,
    @Query('lang', HeadlineLanguagePipe) lang: StoryLanguage | undefined,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<ClusterDetail> {
    return this.clusters.get(id, caller.scope, readerLanguage(lang, acceptLanguage));
  }

  @Post(':id/merge')
  @Access('analyst')
  @HttpCode(200)
  merge(@Caller() caller: Principal, @Param('id', idParam('cluster')) id: number, @Body() body: MergeClusterDto): Promise<Cluster> {
    return this.clusters.merge(id, body.into, caller);
  }

  @Post(':id/split')
  @Access('analyst')
  @HttpCode(201)
  split(@Caller() caller: Principal, @Param('id', idParam('cluster')) id: number, @Body() body: SplitClusterDto): Promise<Cluster> {
    return this.clusters.split(id, body.storyIds, caller);
  }
}

/** The reader's headline language: `lang` when given, else the first of en, fr, ar that Accept-Language prefers, else none. */
function readerLanguage(lang: StoryLanguage | undefined, acceptLanguage: string | undefined): StoryLanguage | null {
  return lang ?? preferredStoryLanguage(acceptLanguage);
}
