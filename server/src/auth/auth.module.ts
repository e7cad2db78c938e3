import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TaggingModule } from '../tagging/tagging.module';
import { AuthController } from './auth.controller';
import { AuthEvents } from './auth-events';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { Authenticator } from './authenticator';
import { SessionsService } from './sessions.service';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Users, sessions, tokens and the guard on every route. Global, so that the gateway can
 * authenticate sockets with the same Authenticator and other rooms can register removal hooks.
 */
@Global()
@Module({
  imports: [TaggingModule],
  controllers: [AuthController, UsersController, TokensController],
  providers: [AuthRepository, Authenticator, AuthEvents, SessionsService, UsersService, TokensService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Authenticator, AuthEvents, UsersService],
})
export class AuthModule {}
