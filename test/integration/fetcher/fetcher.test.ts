import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import zlib from 'node:zlib';
import { DEFAULT_ACCEPT, FeedFetcher, type FetchRequest, type FetchResult } from '../../../server/src/feeds/feed-fetcher';
import { DEFAULT_OUTBOUND_OPTIONS, OutboundError, OutboundHttp, type OutboundOptions, USER_AGENT } from '../../../server/src/outbound';
import { type FeedHandler, type FeedTestServer, startFeedServer, streamRepeated, type TlsIdentity } from '../../support/feed-test-server';

const MIB = 1024 * 1024;
const fixture = (name: string): Buffer => readFileSync(path.join(__dirname, 'fixtures', name));
const WORLD_DESK_RSS = fixture('world-desk.rss.xml');
// A throwaway self-signed certificate for localhost / 127.0.0.1, trusted by nobody.
const SELF_SIGNED: TlsIdentity = { key: fixture('self-signed.key.pem'), cert: fixture('self-signed.cert.pem') };
// 127.0.0.2 is loopback too but not on the allow-list: it stands in for an internal service.
const INTERNAL_HOST = '127.0.0.2';

const servers: FeedTestServer[] = [];

async function serve(handler: FeedHandler, host = '127.0.0.1', tls?: TlsIdentity): Promise<FeedTestServer> {
  const server = await startFeedServer(handler, host, tls);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function fetcherWith(overrides: Partial<OutboundOptions> = {}): FeedFetcher {
  return new FeedFetcher({ ...DEFAULT_OUTBOUND_OPTIONS, allowHosts: ['127.0.0.1'], ...overrides });
}

async function fetchOk(fetcher: FeedFetcher, request: FetchRequest): Promise<Extract<FetchResult, { kind: 'ok' }>> {
  const result = await fetcher.fetch(request);
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${result.kind}`);
  return result;
}

async function fetchFailure(fetcher: FeedFetcher, request: FetchRequest): Promise<OutboundError> {
  const outcome: unknown = await fetcher.fetch(request).then(
    (result) => result,
    (error: unknown) => error,
  );
  if (!(outcome instanceof OutboundError)) {
    throw new Error(`expected a OutboundError, got ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

function sendFeed(res: http.ServerResponse, body: Buffer, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ...headers });
  res.end(body);
}

function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { Location: location });
  res.end();
}

async function gzipOfZeros(totalBytes: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(MIB);
  for (let written = 0; written < totalBytes; written += zeros.length) {
    if (!gzip.write(zeros)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(chunks);
}

describe('FeedFetcher against real HTTP servers', () => {
  describe('successful fetches', () => {
    it('returns the body, content type and validators of a 200 response', async () => {
      const server = await serve((_req, res) =>
        sendFeed(res, WORLD_DESK_RSS, { ETag: '"v42"', 'Last-Modified': 'Sat, 01 Mar 2025 11:40:00 GMT' }),
      );
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/world/rss.xml` });

      expect(result).toEqual({
        kind: 'ok',
        url: `${server.origin}/world/rss.xml`,
        permanentRedirectTo: null,
        status: 200,
        contentType: 'application/rss+xml; charset=utf-8',
        body: WORLD_DESK_RSS,
        etag: '"v42"',
        lastModified: 'Sat, 01 Mar 2025 11:40:00 GMT',
      });
    });

    it('identifies itself and asks for feed formats and compressed bodies', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS));
      await fetcherWith().fetch({ url: `${server.origin}/feed` });

      const { headers } = server.requests[0];
      expect(headers['user-agent']).toBe(USER_AGENT);
      expect(headers.accept).toBe(DEFAULT_ACCEPT);
      expect(headers['accept-encoding']).toBe('gzip, deflate, br');
      expect(headers['if-none-match']).toBeUndefined();
      expect(headers['if-modified-since']).toBeUndefined();
    });

    it.each([
      ['gzip', zlib.gzipSync],
      ['deflate', zlib.deflateSync],
      ['br', zlib.brotliCompressSync],
    ])('decompresses a %s body', async (encoding, compress) => {
      const server = await serve((_req, res) => sendFeed(res, compress(WORLD_DESK_RSS), { 'Content-Encoding': encoding }));
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/feed` });
      expect(result.body.toString('utf8')).toBe(WORLD_DESK_RSS.toString('utf8'));
    });

    it('returns an empty buffer for an empty 200, leaving the verdict to the parser', async () => {
      const server = await serve((_req, res) => sendFeed(res, Buffer.alloc(0)));
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/feed` });
      expect(result.status).toBe(200);
      expect(result.body.length).toBe(0);
    });
  });

  describe('conditional GET', () => {
    it('reports not-modified when the server answers 304 to a matching If-None-Match', async () => {
      const server = await serve((req, res) => {
        if (req.headers['if-none-match'] === '"v42"') {
          res.writeHead(304, { ETag: '"v42"' });
          res.end();
        } else {
          sendFeed(res, WORLD_DESK_RSS, { ETag: '"v42"' });
        }
      });
      const result = await fetcherWith().fetch({ url: `${server.origin}/feed`, etag: '"v42"' });

      expect(result).toEqual({
        kind: 'not-modified',
        url: `${server.origin}/feed`,
        permanentRedirectTo: null,
        etag: '"v42"',
        lastModified: null,
      });
    });

    it('sends If-Modified-Since and keeps the known validators when a 304 omits them', async () => {
      const lastModified = 'Sat, 01 Mar 2025 11:40:00 GMT';
      const server = await serve((req, res) => {
        res.writeHead(req.headers['if-modified-since'] === lastModified ? 304 : 200);
        res.end();
      });
      const result = await fetcherWith().fetch({ url: `${server.origin}/feed`, etag: '"old"', lastModified });

      expect(server.requests[0].headers['if-none-match']).toBe('"old"');
      expect(result).toMatchObject({ kind: 'not-modified', etag: '"old"', lastModified });
    });

    it('still fetches when a stored validator contains a line break, without sending it', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS));
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/feed`, etag: '"v1"\r\nX-Injected: 1' });
      expect(result.body).toEqual(WORLD_DESK_RSS);
      expect(server.requests[0].headers['if-none-match']).toBeUndefined();
      expect(server.requests[0].headers['x-injected']).toBeUndefined();
    });
  });

  describe('HTTP errors', () => {
    it.each([404, 500, 410])('fails with "HTTP %i" for that status', async (status) => {
      const server = await serve((_req, res) => {
        res.writeHead(status, { 'Content-Type': 'text/html' });
        res.end('<h1>error</h1>');
      });
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });
      expect(error).toMatchObject({ kind: 'http-status', status, message: `HTTP ${status}` });
    });

    it('reports a 429 as rate-limited with the Retry-After seconds', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(429, { 'Retry-After': '120' });
        res.end();
      });
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });
      expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterSec: 120 });
      expect(error.message).toBe('HTTP 429 (rate limited, retry after 120 s)');
    });

    it('reports a 503 with an HTTP-date Retry-After as rate-limited', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(503, { 'Retry-After': new Date(Date.now() + 600_000).toUTCString() });
        res.end();
      });
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });
      expect(error.kind).toBe('rate-limited');
      expect(error.status).toBe(503);
      expect(error.retryAfterSec).toBeGreaterThan(590);
      expect(error.retryAfterSec).toBeLessThanOrEqual(600);
    });
  });

  describe('redirects', () => {
    it('follows a chain of 301 and 308 and records the final URL as a permanent move', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/old') redirect(res, 301, '/older-but-moved');
        else if (req.url === '/older-but-moved') redirect(res, 308, `http://127.0.0.1:${server.port}/new/rss.xml`);
        else sendFeed(res, WORLD_DESK_RSS);
      });
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/old` });

      expect(result.url).toBe(`${server.origin}/new/rss.xml`);
      expect(result.permanentRedirectTo).toBe(`${server.origin}/new/rss.xml`);
      expect(result.body).toEqual(WORLD_DESK_RSS);
    });

    it('does not record a permanent move when any hop is a 302', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/old') redirect(res, 301, '/temporary');
        else if (req.url === '/temporary') redirect(res, 302, '/today');
        else sendFeed(res, WORLD_DESK_RSS);
      });
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/old` });

      expect(result.url).toBe(`${server.origin}/today`);
      expect(result.permanentRedirectTo).toBeNull();
    });

    it('resolves a relative Location against the current URL', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/feeds/world/latest') redirect(res, 302, '../archive/world.xml?page=1');
        else sendFeed(res, WORLD_DESK_RSS);
      });
      const result = await fetchOk(fetcherWith(), { url: `${server.origin}/feeds/world/latest` });
      expect(result.url).toBe(`${server.origin}/feeds/archive/world.xml?page=1`);
    });

    it('gives up on a redirect loop after the configured number of redirects', async () => {
      const server = await serve((req, res) => redirect(res, 302, req.url === '/a' ? '/b' : '/a'));
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/a` });

      expect(error).toMatchObject({ kind: 'too-many-redirects', message: 'too many redirects (more than 5)' });
      expect(server.requests).toHaveLength(6);
    });

    it('follows exactly maxRedirects redirects', async () => {
      const server = await serve((req, res) => {
        const hop = Number(req.url?.slice(1));
        if (hop < 3) redirect(res, 307, `/${hop + 1}`);
        else sendFeed(res, WORLD_DESK_RSS);
      });
      const result = await fetchOk(fetcherWith({ maxRedirects: 3 }), { url: `${server.origin}/0` });
      expect(result.url).toBe(`${server.origin}/3`);
    });

    it('refuses a redirect to a non-HTTP scheme', async () => {
      const server = await serve((_req, res) => redirect(res, 302, 'file:///etc/passwd'));
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });
      expect(error).toMatchObject({ kind: 'invalid-url', message: 'redirect to a non-HTTP URL refused (file:///etc/passwd)' });
    });
  });

  describe('address blocking (SSRF)', () => {
    it('refuses to fetch a loopback address outside the allow-list, without connecting', async () => {
      const internal = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS), INTERNAL_HOST);
      const error = await fetchFailure(fetcherWith(), { url: `${internal.origin}/admin` });

      expect(error).toMatchObject({ kind: 'blocked-address', message: 'blocked: 127.0.0.2 is a loopback address' });
      expect(internal.requests).toHaveLength(0);
    });

    it('refuses a redirect from an allowed host to an internal address', async () => {
      const internal = await serve((_req, res) => sendFeed(res, Buffer.from('secret')), INTERNAL_HOST);
      const server = await serve((_req, res) => redirect(res, 302, `${internal.origin}/`));
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });

      expect(error).toMatchObject({ kind: 'blocked-address', message: 'redirect to a loopback address blocked (127.0.0.2)' });
      expect(internal.requests).toHaveLength(0);
    });

    it('checks the resolved address of a host name, so localhost is blocked though 127.0.0.1 is allowed', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS));
      const error = await fetchFailure(fetcherWith(), { url: `http://localhost:${server.port}/feed` });

      expect(error.kind).toBe('blocked-address');
      expect(error.message).toMatch(/^blocked: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);
      expect(server.requests).toHaveLength(0);
    });

    it('checks the resolved address again on a redirect hop', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/feed') redirect(res, 301, `http://localhost:${server.port}/internal`);
        else sendFeed(res, Buffer.from('secret'));
      });
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });

      expect(error.kind).toBe('blocked-address');
      expect(error.message).toMatch(/^redirect to a loopback address blocked \(localhost resolves to (127\.0\.0\.1|::1)\)$/);
      expect(server.requests.map((request) => request.url)).toEqual(['/feed']);
    });

    it('checks the resolved address of an https host as well', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS), '127.0.0.1', SELF_SIGNED);
      const error = await fetchFailure(fetcherWith(), { url: `https://localhost:${server.port}/feed` });

      expect(error.kind).toBe('blocked-address');
      expect(server.requests).toHaveLength(0);
    });

    it('lets a host name through when it is itself on the allow-list', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS));
      const result = await fetchOk(fetcherWith({ allowHosts: ['LOCALHOST'] }), { url: `http://localhost:${server.port}/feed` });
      expect(result.body).toEqual(WORLD_DESK_RSS);
    });
  });

  describe('size limits', () => {
    it('stops reading a 60 MB body at the cap and hangs up on the server', async () => {
      let bytesSent: Promise<number> = Promise.resolve(0);
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        bytesSent = streamRepeated(res, Buffer.alloc(64 * 1024, 'a'), 60 * 1000 * 1000);
      });
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/huge.xml` });

      expect(error).toMatchObject({ kind: 'too-large', message: 'response larger than 10 MiB' });
      expect(await bytesSent).toBeLessThan(60 * 1000 * 1000);
    });

    it('rejects a body whose Content-Length is over the cap before reading it', async () => {
      let bytesSent: Promise<number> = Promise.resolve(0);
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Length': String(60 * MIB) });
        bytesSent = streamRepeated(res, Buffer.alloc(64 * 1024, 'a'), 60 * MIB);
      });
      const error = await fetchFailure(fetcherWith({ maxBodyBytes: 2 * MIB }), { url: `${server.origin}/huge.xml` });

      expect(error).toMatchObject({ kind: 'too-large', message: 'response larger than 2 MiB' });
      expect(await bytesSent).toBeLessThan(60 * MIB);
    });

    it('counts the cap after decompression, so a gzip bomb is cut off', async () => {
      const bomb = await gzipOfZeros(200 * MIB);
      const server = await serve((_req, res) => sendFeed(res, bomb, { 'Content-Encoding': 'gzip' }));
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/bomb.xml` });

      expect(bomb.length).toBeLessThan(MIB);
      expect(error).toMatchObject({ kind: 'too-large', message: 'response larger than 10 MiB' });
    });

    it('reports a body that is not what its Content-Encoding says as a decompression error', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS, { 'Content-Encoding': 'gzip' }));
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });

      expect(error.kind).toBe('decompression');
      expect(error.message).toMatch(/^could not decompress the gzip response body/);
    });

    it('reports an encoding it cannot decode as a decompression error', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS, { 'Content-Encoding': 'zstd' }));
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });
      expect(error).toMatchObject({ kind: 'decompression', message: 'unsupported content encoding "zstd"' });
    });
  });

  describe('timeouts and aborts', () => {
    it('times out a server that accepts the request and never answers', async () => {
      const server = await serve(() => undefined);
      const error = await fetchFailure(fetcherWith({ totalTimeoutMs: 300 }), { url: `${server.origin}/feed` });

      expect(error).toMatchObject({ kind: 'timeout', message: 'timed out after 0.3 s' });
      await server.allConnectionsClosed();
    });

    it('cuts off a server that drips one byte every 200 ms at the total timeout', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        const drip = setInterval(() => res.write('<'), 200);
        res.on('close', () => clearInterval(drip));
      });
      const error = await fetchFailure(fetcherWith({ totalTimeoutMs: 1000, idleTimeoutMs: 5000 }), { url: `${server.origin}/feed` });

      expect(error).toMatchObject({ kind: 'timeout', message: 'timed out after 1 s' });
      await server.allConnectionsClosed();
    });

    it('times out a connection that goes silent after the headers', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.write('<rss>');
      });
      const port = server.port;
      const error = await fetchFailure(fetcherWith({ idleTimeoutMs: 300, totalTimeoutMs: 5000 }), { url: `${server.origin}/feed` });

      expect(error).toMatchObject({ kind: 'timeout', message: `no data received from 127.0.0.1:${port} for 0.3 s` });
    });

    it('stops when the caller aborts, and closes the connection', async () => {
      const server = await serve(() => undefined);
      const controller = new AbortController();
      const pending = fetchFailure(fetcherWith(), { url: `${server.origin}/feed`, signal: controller.signal });
      setTimeout(() => controller.abort(), 100);

      expect(await pending).toMatchObject({ kind: 'aborted' });
      await server.allConnectionsClosed();
    });
  });

  describe('connections', () => {
    /** A server that tells which connection (client port) each request came on. */
    async function serveRecordingPorts(handler: (req: http.IncomingMessage, res: http.ServerResponse, requestOnConnection: number) => void) {
      const ports: number[] = [];
      const perConnection = new Map<number, number>();
      const server = await serve((req, res) => {
        const port = req.socket.remotePort ?? 0;
        ports.push(port);
        perConnection.set(port, (perConnection.get(port) ?? 0) + 1);
        handler(req, res, perConnection.get(port) ?? 1);
      });
      return { server, ports };
    }

    const conditional = (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { ETag: '"v1"' }).end();
      else sendFeed(res, WORLD_DESK_RSS, { ETag: '"v1"' });
    };

    it('polls an origin again over the same connection, 304s included', async () => {
      const { server, ports } = await serveRecordingPorts(conditional);
      const fetcher = fetcherWith();
      try {
        expect((await fetcher.fetch({ url: `${server.origin}/a.xml` })).kind).toBe('ok');
        expect((await fetcher.fetch({ url: `${server.origin}/a.xml`, etag: '"v1"' })).kind).toBe('not-modified');
        expect((await fetcher.fetch({ url: `${server.origin}/b.xml`, etag: '"v1"' })).kind).toBe('not-modified');
        expect((await fetcher.fetch({ url: `${server.origin}/b.xml` })).kind).toBe('ok');
        expect(new Set(ports).size).toBe(1);
      } finally {
        fetcher.onApplicationShutdown();
      }
    });

    it('sends the request again on a new connection when the server closed the one kept open', async () => {
      // The second request on a connection finds it closed, as when the server's idle limit ran out.
      const { server, ports } = await serveRecordingPorts((req, res, requestOnConnection) => (requestOnConnection === 2 ? req.socket.destroy() : conditional(req, res)));
      const fetcher = fetcherWith();
      try {
        await fetcher.fetch({ url: `${server.origin}/a.xml` });
        expect(await fetcher.fetch({ url: `${server.origin}/a.xml`, etag: '"v1"' })).toMatchObject({ kind: 'not-modified' });
        expect(ports).toHaveLength(3);
        expect(ports[1]).toBe(ports[0]);
        expect(ports[2]).not.toBe(ports[0]);
      } finally {
        fetcher.onApplicationShutdown();
      }
    });

    it('closes a connection whose answer it does not read, and gives a request with a body one of its own', async () => {
      const { server, ports } = await serveRecordingPorts((req, res) => (req.url === '/missing' ? res.writeHead(404).end('not here, and a body nobody reads') : conditional(req, res)));
      const fetcher = fetcherWith();
      const outbound = new OutboundHttp({ ...DEFAULT_OUTBOUND_OPTIONS, allowHosts: ['127.0.0.1'] });
      try {
        await fetchFailure(fetcher, { url: `${server.origin}/missing` });
        await fetcher.fetch({ url: `${server.origin}/a.xml` });
        expect(ports[1]).not.toBe(ports[0]);
        for (let i = 0; i < 2; i++) expect((await outbound.request({ url: `${server.origin}/hook`, method: 'POST', body: '{}' })).status).toBe(200);
        expect(new Set(ports).size).toBe(4);
      } finally {
        fetcher.onApplicationShutdown();
        outbound.close();
      }
    });
  });

  describe('network failures', () => {
    it('reports a host that does not resolve as a DNS error', async () => {
      const error = await fetchFailure(fetcherWith(), { url: 'http://nonexistent.invalid/feed.xml' });
      expect(error).toMatchObject({ kind: 'dns', message: 'could not resolve host nonexistent.invalid' });
    });

    it('reports a refused connection with the host and port', async () => {
      const server = await startFeedServer(() => undefined);
      const { port } = server;
      await server.close();
      const error = await fetchFailure(fetcherWith(), { url: `http://127.0.0.1:${port}/feed` });
      expect(error).toMatchObject({ kind: 'connect', message: `connection refused by 127.0.0.1:${port}` });
    });

    it('refuses an https server whose certificate is not trusted', async () => {
      const server = await serve((_req, res) => sendFeed(res, WORLD_DESK_RSS), '127.0.0.1', SELF_SIGNED);
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });

      expect(error.kind).toBe('connect');
      expect(error.message).toMatch(new RegExp(`^secure connection to 127\\.0\\.0\\.1:${server.port} failed: `));
      expect(server.requests).toHaveLength(0);
    });

    it('reports a response cut short by the server as a network error', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Length': '5000' });
        res.write('<rss><channel>', () => res.destroy());
      });
      const error = await fetchFailure(fetcherWith(), { url: `${server.origin}/feed` });
      expect(error.kind).toBe('network');
      expect(error.message).toBe(`connection to 127.0.0.1:${server.port} closed before the response was complete`);
    });
  });
});
