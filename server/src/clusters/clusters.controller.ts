import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { Cluster, ClusterDetail, Page, Principal } from '@sentinel/shared';
import { Access, Caller } from '../auth/access.decorator';
import { idParam } from '../common/id-param';
import { ClusterListQueryPipe } from './cluster-list-query.pipe';
import { MergeClusterDto, SplitClusterDto } from './clusters.dto';
import { type ClusterListQuery, ClustersService } from './clusters.service';

@Controller('api/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Get()
  @Access('wall')
  list(@Caller() caller: Principal, @Query(ClusterListQueryPipe) query: ClusterListQuery): Promise<Page<Cluster>> {
    return this.clusters.list(query, caller.scope);
  }

  @Get(':id')
  @Access('wall')
  get(@Caller() caller: Principal, @Param('id', idParam('cluster')) id: number): Promise<ClusterDetail> {
    return this.clusters.get(id, caller.scope);
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
