import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger, LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, Request, Response, text } from 'express';
import helmet from 'helmet';
import { hostCheck } from './auth/host-check';
import { UsersService } from './auth/users.service';
import { AppModule } from './app.module';
import { bodyParserError, HttpExceptionFilter } from './common/http-exception.filter';
import { requestContentLimits } from './common/json-limits';
import type { AppConfig } from './config/config';
import { OPML_CONTENT_TYPES } from './feeds/feeds.controller';

/** Builds the application (used by main, the demo and the tests) without listening. */
export async function createApp(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
  });
  app.use(hostCheck(config.auth));
  app.use(securityHeaders(config));
  // Express's own parsers, so that their errors reach the exception filter with their type.
  app.use(json({ limit: '256kb' }));
  app.use(text({ type: OPML_CONTENT_TYPES, limit: '5mb' }));
  app.use(requestContentLimits);
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
  const logger = new Logger('Sentinel');
  logger.log(`listening on ${url}`);
  const setup = app.get(UsersService).setupPath();
  if (setup) logger.warn(`no user exists yet: open ${config.auth.publicUrl ?? url}${setup} within the hour to create the first admin (or set ADMIN_EMAIL and ADMIN_PASSWORD)`);
  return { app, url };
}

/**
 * Security headers on every response: a CSP that allows no inline script, nosniff, a strict
 * referrer policy (links out to news sites do not reveal the monitoring room's address) and
 * frame-ancestors from FRAME_ANCESTORS (default: nobody may frame the pages).
 */
function securityHeaders(config: AppConfig) {
  const ancestors = config.auth.frameAncestors.length ? config.auth.frameAncestors : ["'none'"];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React and recharts set style attributes; styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ancestors,
      },
    },
    // frame-ancestors supersedes X-Frame-Options; send DENY only when nobody may frame us.
    frameguard: config.auth.frameAncestors.length ? false : { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.auth.publicUrl?.startsWith('https:') ? { maxAge: 15_552_000 } : false,
  });
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
