import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, Request, Response, text } from 'express';
import { AppModule } from './app.module';
import { bodyParserError, HttpExceptionFilter } from './common/http-exception.filter';
import type { AppConfig } from './config/config';
import { OPML_CONTENT_TYPES } from './feeds/feeds.controller';

/** Builds the application (used by main, the demo and the tests) without listening. */
export async function createApp(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  // Express's own parsers, so that their errors reach the exception filter with their type.
  app.use(json({ limit: '256kb' }));
  app.use(text({ type: OPML_CONTENT_TYPES, limit: '5mb' }));
  app.use(bodyErrors);
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  app.disable('x-powered-by');
  serveClient(app, config.clientDist);
  return app;
}

export async function startApp(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<{ app: NestExpressApplication; url: string }> {
  const app = await createApp(config, options);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  new Logger('Sentinel').log(`listening on ${url}`);
  return { app, url };
}

/** Serves the built dashboard, with every non-API path falling back to its index.html. */
function serveClient(app: NestExpressApplication, clientDist: string | null): void {
  const index = clientDist ? path.join(clientDist, 'index.html') : null;
  if (!clientDist || !index || !fs.existsSync(index)) return;
  app.useStaticAssets(clientDist, { index: false, maxAge: '1h' });
  app.use((req: { method: string; path: string }, res: { sendFile(file: string): void }, next: () => void) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path.startsWith('/socket.io')) return next();
    res.sendFile(index);
  });
}

/** Turns a body that cannot be read (bad JSON, too large) into the usual error shape. */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const body = bodyParserError(error);
  if (!body) return next(error);
  res.status(body.statusCode).json(body);
}
