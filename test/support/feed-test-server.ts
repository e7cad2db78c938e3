import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A real HTTP server on a loopback address that plays the part of a feed publisher. */
export interface FeedTestServer {
  /** e.g. "http://127.0.0.1:40123" */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Resolves once every connection the server accepted has closed. */
  allConnectionsClosed(): Promise<void>;
  close(): Promise<void>;
}

export type FeedHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface TlsIdentity {
  key: Buffer;
  cert: Buffer;
}

export async function startFeedServer(handler: FeedHandler, host = '127.0.0.1', tls?: TlsIdentity): Promise<FeedTestServer> {
  const requests: RecordedRequest[] = [];
  const openSockets = new Set<Socket>();
  const listener: http.RequestListener = (req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    // A client that hangs up mid-response makes writes fail; that is the point of several tests.
    res.on('error', () => undefined);
    handler(req, res);
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    requests,
    async allConnectionsClosed() {
      await Promise.all(
        [...openSockets].map((socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())))),
      );
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `totalBytes` of `chunk` repeated, honouring backpressure; resolves with the bytes written when done or cut off. */
export function streamRepeated(res: http.ServerResponse, chunk: Buffer, totalBytes: number): Promise<number> {
  return new Promise((resolve) => {
    let written = 0;
    let closed = false;
    res.on('close', () => {
      closed = true;
      resolve(written);
    });
    const writeMore = (): void => {
      while (!closed && written < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - written));
        written += piece.length;
        if (!res.write(piece)) {
          res.once('drain', writeMore);
          return;
        }
      }
      if (!closed) res.end();
    };
    writeMore();
  });
}
