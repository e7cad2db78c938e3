import type { NestExpressApplication } from '@nestjs/platform-express';
import type { CreatedToken, CreateTokenRequest, User, UserRole } from '@sentinel/shared';
import { startApp } from '../../server/src/app';
import type { AppConfig } from '../../server/src/config/config';
import { ApiClient, ApiResponse, signIn } from './api-client';
import { TEST_ADMIN } from './test-database';

export * from './api-client';
export * from './test-database';
export * from './wait';

export interface RunningApp {
  app: NestExpressApplication;
  url: string;
  /** The first admin (from ADMIN_EMAIL/ADMIN_PASSWORD in testConfig), signed in through the login route. */
  admin: ApiClient;
  /** Shorthand for `admin.api`: most tests set things up as the admin. */
  api<T = unknown>(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  /** No credentials at all. */
  anonymous: ApiClient;
  /** A new user of this role (created by the admin), signed in. */
  as(role: UserRole, email?: string): Promise<ApiClient>;
  /** A new bearer token (created by the admin) and a client that sends it. */
  withToken(request: CreateTokenRequest): Promise<ApiClient & { tokenId: number; token: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

export async function startTestApp(config: AppConfig): Promise<RunningApp> {
  const { app, url } = await startApp(config, { logger: process.env.TEST_LOGS ? ['log', 'warn', 'error'] : false });
  const admin = await signIn(url, config.auth.adminEmail ?? TEST_ADMIN.email, config.auth.adminPassword ?? TEST_ADMIN.password);
  return {
    app,
    url,
    admin,
    api: (method, route, body, headers) => admin.api(method, route, body, headers),
    anonymous: new ApiClient(url),
    async as(role, email = `${role}-${process.pid}-${++userCounter}@sentinel.test`) {
      const password = `password-of-${email}`;
      const created = await admin.api<User>('POST', '/api/users', { email, password, role });
      if (created.status !== 201) throw new Error(`creating ${role} ${email} answered ${created.status}: ${JSON.stringify(created.body)}`);
      return signIn(url, email, password);
    },
    async withToken(request) {
      const created = await admin.api<CreatedToken>('POST', '/api/tokens', request);
      if (created.status !== 201) throw new Error(`creating token answered ${created.status}: ${JSON.stringify(created.body)}`);
      const client = new ApiClient(url, { kind: 'bearer', token: created.body.token, tokenId: created.body.id, role: request.role });
      return Object.assign(client, { tokenId: created.body.id, token: created.body.token });
    },
    close: () => app.close(),
  };
}
