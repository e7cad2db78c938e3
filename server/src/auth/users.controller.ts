import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import type { Principal, User } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { Access, AuthenticatedRequest, Caller } from './access.decorator';
import { CreateUserDto, UpdateUserDto } from './auth.dto';
import { toUser, UsersService } from './users.service';

@Controller('api/users')
@Access('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post()
  create(@Caller() caller: Principal, @Body() dto: CreateUserDto): Promise<User> {
    return this.users.create(caller, dto.email, dto.password, dto.role);
  }

  @Get(':id')
  async get(@Param('id', idParam('user')) id: number): Promise<User> {
    return toUser(await this.users.get(id));
  }

  /** Admins change anyone; a person may change their own password here too (with currentPassword). */
  @Patch(':id')
  @Access('viewer')
  update(@Caller() caller: Principal, @Param('id', idParam('user')) id: number, @Body() dto: UpdateUserDto, @Req() request: AuthenticatedRequest): Promise<User> {
    return this.users.update(caller, id, dto, request.sessionId);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Caller() caller: Principal, @Param('id', idParam('user')) id: number): Promise<void> {
    return this.users.remove(caller, id);
  }
}
