import type { NestExpressApplication } from '@nestjs/platform-express';
import { startApp } from '../../server/src/app';
import type { AppConfig } from '../../server/src/config/config';

export * from './test-database';
export * from './wait';

export interface RunningApp {
  app: NestExpressApplication;
  url: string;
  api<T = unknown>(method: string, route: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestApp(config: AppConfig): Promise<RunningApp> {
  const { app, url } = await startApp(config, { logger: process.env.TEST_LOGS ? ['log', 'warn', 'error'] : false });
  return {
    app,
    url,
    async api<T>(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        if (typeof body === 'string') init.body = body;
        else {
          init.body = JSON.stringify(body);
          (init.headers as Record<string, string>)['content-type'] = 'application/json';
        }
      }
      const response = await fetch(url + route, init);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: response.status, body: parsed as T, headers: response.headers };
    },
    close: () => app.close(),
  };
}
