import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { openDatabase } from '../../database/data-source';
import { Database } from '../../database/database';
import { AlertDeliveryEntity, AlertEntity, FeedEntity } from '../../database/entities';
import { StoriesRepository } from '../../stories/stories.repository';
import type { StoriesService } from '../../stories/stories.service';
import { AlertsRepository } from '../alerts.repository';
import { DeliveryService, DeliveryTuning } from './delivery.service';

/** A webhook receiver on 127.0.0.1 whose answer the test decides per request. */
async function receiver(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const bodies: string[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      open.add(res);
      res.on('close', () => open.delete(res));
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    /** Requests whose answer has not finished. */
    open,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function waitFor<T>(check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const config = { outboundAllowHosts: ['127.0.0.1'], alerts: { retryDelaysSec: [1, 1, 1], smtpUrl: null, emailFrom: 'test@sentinel.invalid' } } as unknown as AppConfig;

describe('DeliveryService', () => {
  let dataSource: DataSource;
  let repository: AlertsRepository;
  let stories: StoriesRepository;
  let service: DeliveryService | null = null;
  let storyId: number;
  let ruleId: number;
  const servers: { close(): Promise<void> }[] = [];

  const start = (tuning: Partial<DeliveryTuning>) => {
    service = new DeliveryService(repository, { findByIds: (ids: number[]) => stories.findByIds(ids) } as unknown as StoriesService, config, { tickMs: 50, ...tuning });
    service.onApplicationBootstrap();
  };

  const webhookChannel = async (name: string, url: string) =>
    (await repository.insertChannel({ ownerId: null, type: 'webhook', name, target: url, secret: 'a-secret-of-sixteen', format: 'generic', enabled: true, createdAt: Date.now() })).id;

  /** A fired alert with one pending delivery per channel; `age` orders them (older are due first). */
  const pendingAlert = (channelIds: number[], age: number) =>
    new Database(dataSource).write(async (m) => {
      const alert = await m.getRepository(AlertEntity).save({ ruleId, storyId, firedAt: Date.now() - age, acknowledgedAt: null });
      await m.getRepository(AlertDeliveryEntity).insert(channelIds.map((channelId) => ({ alertId: alert.id, channelId, status: 'pending' as const, attempts: 0, nextAttemptAt: Date.now() - age, lastError: null, deliveredAt: null })));
      return alert.id;
    });

  const deliveries = (channelId: number) => dataSource.getRepository(AlertDeliveryEntity).find({ where: { channelId }, order: { id: 'ASC' } });

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const db = new Database(dataSource);
    repository = new AlertsRepository(db);
    stories = new StoriesRepository(db);
    const feed = await dataSource.getRepository(FeedEntity).save({ url: 'https://news.example/feed.xml', title: 'Wire', nextPollAt: 0, createdAt: 0 });
    const noTags = () => ({ regions: [], topics: [], places: [], why: [] });
    const item = { guidKey: 'g1', url: 'https://news.example/1', canonicalUrl: 'https://news.example/1', title: 'Inmates escape prison in Hasakah', summary: 'Dozens escaped.', publishedAt: new Date(), contentHash: 'h1' };
    const ingested = await stories.store({ feed, now: Date.now(), created: [{ item, tags: noTags(), copies: [] }], changes: [] });
    storyId = ingested.createdIds[0];
    const now = Date.now();
    ruleId = (await repository.insertRule({ ownerId: null, name: 'Prison breaks', query: 'escape*', mode: 'each', severity: 'critical', channels: '[]', cooldownSec: 0, threshold: 1, windowSec: 3600, enabled: true, muted: false, snoozedUntil: null, lastFiredAt: null, lastAlertId: null, createdAt: now, updatedAt: now })).id;
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    if (service) {
      await service.beforeApplicationShutdown();
      service.onApplicationShutdown();
      service = null;
    }
    for (const server of servers.splice(0)) await server.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    jest.restoreAllMocks();
  });

  it('delivers to a fast webhook while another channel hangs, one call at a time per channel, and retries the slow one later', async () => {
    let slowAnswers = false;
    const slow = await receiver((_req, res) => {
      if (slowAnswers) res.writeHead(200).end();
      // else: accept the call and never answer
    });
    const fast = await receiver((_req, res) => res.writeHead(200).end());
    servers.push(slow, fast);
    const slowChannel = await webhookChannel('Slow hook', slow.url);
    const fastChannel = await webhookChannel('Fast hook', fast.url);
    // Six alerts for the slow channel are due before the fast channel's: one shared queue would
    // put the fast delivery behind all of them.
    for (let i = 0; i < 6; i++) await pendingAlert([slowChannel], 60_000 - i);
    await pendingAlert([fastChannel], 1000);

    start({ webhookDeadlineMs: 3000 });

    await waitFor(() => fast.bodies.length === 1, 5000, 'the fast webhook');
    await waitFor(async () => (await deliveries(fastChannel))[0].status === 'delivered', 5000, 'the fast delivery recorded');
    // The slow receiver is still holding its first call, and has seen no other.
    expect(slow.bodies).toHaveLength(1);
    expect((await deliveries(slowChannel)).map((d) => d.attempts)).toEqual([0, 0, 0, 0, 0, 0]);

    const timedOut = await waitFor(async () => (await deliveries(slowChannel)).find((d) => d.attempts === 1), 10_000, 'the slow call to time out');
    expect(timedOut).toMatchObject({ status: 'pending', lastError: 'webhook did not answer within 3 s' });
    expect(timedOut.nextAttemptAt).not.toBeNull();

    slowAnswers = true;
    await waitFor(async () => (await deliveries(slowChannel)).every((d) => d.status === 'delivered'), 15_000, 'all slow deliveries, retried');
    expect(slow.bodies.length).toBe(7);
  }, 30_000);

  it('on shutdown interrupts a call in flight and waits for its queue, leaving the delivery pending for the next start', async () => {
    const hanging = await receiver(() => undefined);
    servers.push(hanging);
    const channel = await webhookChannel('Hanging hook', hanging.url);
    await pendingAlert([channel], 1000);
    start({ webhookDeadlineMs: 30_000 });
    await waitFor(() => hanging.bodies.length === 1, 5000, 'the webhook call');
    const reads = jest.spyOn(repository, 'dueDeliveries');
    const writes = jest.spyOn(repository, 'updateDelivery');
    const started = Date.now();
    await (service as DeliveryService).beforeApplicationShutdown();
    // Not the 30 s deadline: the call was interrupted.
    expect(Date.now() - started).toBeLessThan(5000);
    const [readsAtStop, writesAtStop] = [reads.mock.calls.length, writes.mock.calls.length];
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Nothing touches the database after shutdown returned (it is closed next).
    expect([reads.mock.calls.length, writes.mock.calls.length]).toEqual([readsAtStop, writesAtStop]);
    expect(await deliveries(channel)).toMatchObject([{ status: 'pending', attempts: 0, lastError: null }]);
  });

  it('keeps running, rejecting nothing, when the database closes under it, also while recording a failure', async () => {
    // Jest fails the test on any unhandled rejection during it; the logged errors show each path was taken.
    const errors: string[] = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    const hook = await receiver((_req, res) => {
      // The database goes away while the call is in flight; then the receiver fails the call,
      // so recording the failure (the error path) is what hits the closed database.
      void dataSource.destroy().then(() => res.writeHead(500).end());
    });
    servers.push(hook);
    await pendingAlert([await webhookChannel('Hook', hook.url)], 1000);

    start({ webhookDeadlineMs: 3000 });

    await waitFor(() => errors.find((e) => /could not record the attempt/.test(e)), 5000, 'the failed write to be logged');
    await waitFor(() => errors.find((e) => /delivery round failed/.test(e)), 5000, 'a later round to fail and be logged');
    expect(hook.bodies).toHaveLength(1);
  });
});
