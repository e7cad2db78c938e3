import { Logger } from '@nestjs/common';
// The demo runs the production build (server/dist) as a library rather than compiling its own copy
// of the server: server/dist holds no demo code, and the demo is built on its own (tsconfig.demo.json).
import { startApp } from '@sentinel/server/dist/app';
import { ConfigError, loadConfig } from '@sentinel/server/dist/config/config';
import { FeedsService } from '@sentinel/server/dist/feeds/feeds.service';
import { SYSTEM } from '@sentinel/server/dist/auth/principal';
import { TokensService } from '@sentinel/server/dist/auth/tokens.service';
import { buildOpml } from '@sentinel/server/dist/feeds/opml';
import { demoFeedList, FeedSimulator } from './feed-simulator';

/**
 * `npm run demo`: the product against a local feed simulator on 127.0.0.1, with its own SQLite
 * file. The simulator's port is fixed so that a restarted demo finds its feeds again.
 */
async function main(): Promise<void> {
  const simulatorPort = Number(process.env.DEMO_FEEDS_PORT ?? 4010);
  const simulator = new FeedSimulator({ host: '127.0.0.1', port: simulatorPort });
  const { baseUrl } = await simulator.start();
  const allow = new Set((process.env.OUTBOUND_ALLOW_HOSTS ?? '').split(',').filter(Boolean));
  allow.add('127.0.0.1');
  const config = loadConfig({
    SQLITE_PATH: 'data/demo.db',
    // A demo admin, so the demo opens with one sign-in; a real deployment sets its own (see README).
    ADMIN_EMAIL: DEMO_ADMIN.email,
    ADMIN_PASSWORD: DEMO_ADMIN.password,
    DEFAULT_FEEDS: 'none',
    POLL_MIN_INTERVAL_SEC: '10',
    POLL_MAX_INTERVAL_SEC: '30',
    FETCH_TIMEOUT_SEC: '10',
    ...process.env,
    OUTBOUND_ALLOW_HOSTS: [...allow].join(','),
  });
  const { app, url } = await startApp(config);
  const feeds = app.get(FeedsService);
  const result = await feeds.importOpml(buildOpml(demoFeedList(baseUrl).map((f) => ({ ...f, siteUrl: null }))));
  const logger = new Logger('Demo');
  logger.log(`feed simulator serving ${simulator.feeds().length} feeds at ${baseUrl} (${result.added} newly subscribed)`);
  const wallLink = await demoWallLink(app.get(TokensService), url);
  const admin = process.env.ADMIN_EMAIL ? `${process.env.ADMIN_EMAIL} with ADMIN_PASSWORD` : `${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`;
  console.log(
    `\n  Sentinel Wire demo is running: open ${url}\n  Sign in as ${admin} (an admin; the first admin is only created on a fresh data/demo.db)` +
      `\n  Wall without signing in: ${wallLink}\n  API: ${url}/api/stories  ${url}/api/feeds  ${url}/api/health\n`,
  );
  const stop = async () => {
    await app.close();
    await simulator.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

const DEMO_ADMIN = { email: 'demo@sentinel.local', password: 'sentinel-demo-password' };

/** A fresh read-only wall token each start (the previous demo one is revoked), printed as a link. */
async function demoWallLink(tokens: TokensService, url: string): Promise<string> {
  for (const token of await tokens.list()) if (token.name === 'Demo wall') await tokens.revoke(SYSTEM, token.id);
  const { token } = await tokens.create(SYSTEM, { name: 'Demo wall', role: 'wall' });
  return `${url}/wall?token=${token}`;
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`demo failed to start: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
