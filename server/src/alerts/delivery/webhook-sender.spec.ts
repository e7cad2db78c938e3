import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { USER_AGENT } from '../../outbound';
import { maskWebhookUrl } from '../alert-views';
import { DeliveryError, WebhookSender } from './webhook-sender';

const sender = (allowHosts: string[] = [], timeoutMs?: number) => new WebhookSender(allowHosts, timeoutMs);

describe('WebhookSender.checkDestination', () => {
  it.each([
    ['http://10.0.0.1/hook', /blocked: 10\.0\.0\.1 is a private address/],
    ['http://127.0.0.2:1/', /blocked: 127\.0\.0\.2 is a loopback address/],
    ['http://[::1]/hook', /blocked: ::1 is a loopback address/],
    ['http://169.254.169.254/latest/meta-data', /link-local/],
    ['http://localhost:8080/hook', /blocked: localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ['http://hooks.sentinel-test.invalid/', /could not resolve host hooks\.sentinel-test\.invalid/],
    ['ftp://example.org/', /only http and https/],
    ['https://user:pass@example.org/', /user name or password/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', async (url, message) => {
    await expect(sender().checkDestination(url)).rejects.toThrow(message);
    await expect(sender().checkDestination(url)).rejects.toBeInstanceOf(DeliveryError);
  });

  it('accepts an address on OUTBOUND_ALLOW_HOSTS without looking it up', async () => {
    await expect(sender(['127.0.0.1']).checkDestination('http://127.0.0.1:1/hook')).resolves.toBeUndefined();
    // The allow-list names hosts, not addresses: 127.0.0.2 stays blocked.
    await expect(sender(['127.0.0.1']).checkDestination('http://127.0.0.2:1/hook')).rejects.toThrow(/loopback/);
  });
});

describe('WebhookSender.send', () => {
  let server: http.Server;
  let origin: string;
  const held: http.ServerResponse[] = [];
  const received: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      received.push(req.headers);
      req.resume();
      if (req.url === '/silent') held.push(res); // accepts, reads, never answers
      else if (req.url === '/drip') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('.'), 50);
        res.on('close', () => clearInterval(timer));
      } else res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const res of held) res.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const call = (path: string, timeoutMs = 300, signal?: AbortSignal) => sender(['127.0.0.1'], timeoutMs).send({ url: `${origin}${path}`, secret: 'a-secret-of-16-chars', body: '{}', timestampSec: 1 }, signal);

  it('succeeds on 2xx', async () => {
    await expect(call('/ok')).resolves.toBe(204);
  });

  it('signs the call and sends the one User-Agent feed fetching sends too', async () => {
    received.length = 0;
    await call('/ok');
    expect(received[0]).toMatchObject({ 'user-agent': USER_AGENT, 'content-type': 'application/json', 'x-sentinel-timestamp': '1' });
    expect(received[0]['x-sentinel-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('gives up on a receiver that never answers, at the deadline', async () => {
    await expect(call('/silent')).rejects.toThrow('webhook did not answer within 0.3 s');
  });

  it('gives up on a receiver that keeps dripping its answer: the deadline covers the body too', async () => {
    await expect(call('/drip')).rejects.toThrow('webhook did not answer within 0.3 s');
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const pending = call('/silent', 60_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow(/interrupted/);
  });
});

describe('maskWebhookUrl', () => {
  it.each([
    ['https://hooks.slack.com/services/T000/B000/XXXXa1B2', 'https://hooks.slack.com/…a1B2'],
    ['https://example.org:8443/hooks/sentinel?token=abcd1234', 'https://example.org:8443/…1234'],
    ['https://example.org/', 'https://example.org/'],
    ['https://example.org/ab', 'https://example.org/…/ab'],
    ['not a url', '…'],
  ])('%s → %s', (url, masked) => expect(maskWebhookUrl(url)).toBe(masked));
});
