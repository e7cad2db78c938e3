import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import type { ApiToken, CreatedToken, Principal } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { Access, Caller } from './access.decorator';
import { CreateTokenDto } from './auth.dto';
import { TokensService } from './tokens.service';

@Controller('api/tokens')
@Access('admin')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Get()
  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  @Post()
  create(@Caller() caller: Principal, @Body() dto: CreateTokenDto): Promise<CreatedToken> {
    return this.tokens.create(caller, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Caller() caller: Principal, @Param('id', idParam('token')) id: number): Promise<void> {
    return this.tokens.revoke(caller, id);
  }
}
