import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionPool } from './connection-pool';

/** A server on one loopback address that answers with the address and port the request came from. */
async function listen(host: string, port = 0): Promise<http.Server> {
  const server = http.createServer((req, res) => res.end(`${req.socket.localAddress} ${req.socket.remotePort}`));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

describe('ConnectionPool', () => {
  const pool = new ConnectionPool();
  const servers: http.Server[] = [];

  afterAll(async () => {
    pool.close();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  /** GETs http://feeds.test:port/ with the pool's options for the host resolving to `addresses`; answers "server-address client-port". */
  const get = (port: number, addresses: string[]) =>
    new Promise<string>((resolve, reject) => {
      const url = new URL(`http://feeds.test:${port}/`);
      const request = http.request({ hostname: url.hostname, port, path: '/', ...pool.connectionFor(url, addresses.map((address) => ({ address, family: 4 }))) }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve(body));
      });
      request.on('error', reject);
      request.end();
    });

  it('reuses a connection only while the host resolves to the addresses it was opened for', async () => {
    const first = await listen('127.0.0.1');
    const { port } = first.address() as AddressInfo;
    // The same port on another loopback address: where the name points after its DNS answer changed.
    servers.push(first, await listen('127.0.0.2', port));

    const [a, b] = [await get(port, ['127.0.0.1']), await get(port, ['127.0.0.1'])];
    expect(a.split(' ')[0]).toBe('127.0.0.1');
    expect(b).toBe(a);

    const moved = await get(port, ['127.0.0.2']);
    expect(moved.split(' ')[0]).toBe('127.0.0.2');
    // A wider answer is a different answer too.
    const wider = await get(port, ['127.0.0.2', '127.0.0.1']);
    expect(wider).not.toBe(moved);
    expect(await get(port, ['127.0.0.1', '127.0.0.2'])).toBe(wider);
    expect(await get(port, ['127.0.0.1'])).toBe(a);
  });
});
