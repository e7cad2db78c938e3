import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { LoginResponse, MeResponse, Principal, SESSION_COOKIE, SetupStatus } from '@sentinel/shared';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Access, AuthenticatedRequest, Caller } from './access.decorator';
import { ChangePasswordDto, LoginDto, SetupDto } from './auth.dto';
import { Authenticator } from './authenticator';
import { NewSession, SessionsService } from './sessions.service';
import { UsersService } from './users.service';

@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly authenticator: Authenticator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Access('public')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const session = await this.sessions.login(dto.email, dto.password, request.ip ?? 'unknown');
    this.setCookie(request, response, session);
    return { user: session.user };
  }

  @Post('logout')
  @Access('wall')
  @HttpCode(204)
  async logout(@Req() request: Request & AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.sessionId) await this.sessions.logout(request.sessionId);
    response.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: this.secure(request) });
  }

  @Get('me')
  @Access('wall')
  async me(@Caller() caller: Principal, @Req() request: Request & AuthenticatedRequest): Promise<MeResponse> {
    if (caller.kind === 'token') {
      return { user: { kind: 'token', id: caller.tokenId as number, name: caller.label.replace(/^token "(.*)"$/, '$1'), role: caller.role, scope: caller.scope }, csrfToken: null };
    }
    const user = await this.users.get(caller.userId as number);
    return { user: { kind: 'user', id: user.id, email: user.email, role: user.role }, csrfToken: request.csrfToken ?? null };
  }

  @Get('setup')
  @Access('public')
  async setupStatus(): Promise<SetupStatus> {
    return { needed: await this.users.setupNeeded() };
  }

  /** Creates the first admin with the one-time link from the server log, and signs them in. */
  @Post('setup')
  @Access('public')
  @HttpCode(200)
  async setup(@Body() dto: SetupDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const admin = await this.users.completeSetup(dto.token, dto.email, dto.password);
    const session = await this.sessions.start(admin);
    this.setCookie(request, response, session);
    return { user: session.user };
  }

  @Post('password')
  @Access('viewer')
  @HttpCode(204)
  async changePassword(@Caller() caller: Principal, @Body() dto: ChangePasswordDto, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.users.changeOwnPassword(caller, dto.currentPassword, dto.newPassword, request.sessionId);
  }

  private setCookie(request: Request, response: Response, session: NewSession): void {
    response.cookie(SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure(request),
      path: '/',
      maxAge: session.expiresAt - Date.now(),
    });
  }

  /** Secure cookies when people reach the server over https (PUBLIC_URL says so, or the request came in over TLS). */
  private secure(request: Request): boolean {
    return request.secure || this.config.auth.publicUrl?.startsWith('https:') === true;
  }
}
