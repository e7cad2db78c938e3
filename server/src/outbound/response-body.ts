import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { OutboundError } from './outbound-error';

const KIB = 1024;
const MIB = 1024 * KIB;

/** "10 MiB", "512 KiB", "300 bytes": the cap as a person would say it. */
export function formatByteSize(bytes: number): string {
  const trim = (value: number): string => String(Number(value.toFixed(1)));
  if (bytes >= MIB) return `${trim(bytes / MIB)} MiB`;
  if (bytes >= KIB) return `${trim(bytes / KIB)} KiB`;
  return `${bytes} bytes`;
}

export function tooLargeError(maxBodyBytes: number): OutboundError {
  return new OutboundError('too-large', `response larger than ${formatByteSize(maxBodyBytes)}`);
}

/**
 * A decoder for the response's Content-Encoding, or null for an identity body.
 * Truncated streams are flushed rather than failed, as browsers do, so a feed that opens in a
 * browser also works here; bytes that are not the named encoding still fail.
 */
function createDecoder(contentEncoding: string | undefined): { name: string; decoder: Transform } | null {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return null;
  // Stacked codings ("gzip, br") are legal but unseen from feed servers; refusing them keeps the
  // size cap simple to reason about (one decoder, counted at its output).
  if (codings.length > 1) {
    throw new OutboundError('decompression', `unsupported content encoding "${codings.join(', ')}"`);
  }
  const [coding] = codings;
  const zlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return { name: 'gzip', decoder: zlib.createGunzip(zlibOptions) };
    case 'deflate':
      return { name: 'deflate', decoder: zlib.createInflate(zlibOptions) };
    case 'br':
      return {
        name: 'brotli',
        decoder: zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }),
      };
    default:
      throw new OutboundError('decompression', `unsupported content encoding "${coding}"`);
  }
}

export interface BodyReadOptions {
  maxBodyBytes: number;
  /** "host:port", for messages. */
  endpoint: string;
}

export interface BodyReader {
  /** Stops reading and frees everything; called when the fetch fails or is aborted. */
  cancel(): void;
}

/**
 * Reads a response body, decompressing it and counting the decompressed bytes. The moment the
 * count passes the cap, the body is abandoned (the caller destroys the socket), so a 60 MB body
 * or a compression bomb costs at most the cap plus one decoder chunk of memory.
 *
 * `done` is called exactly once.
 */
export function readResponseBody(
  response: IncomingMessage,
  options: BodyReadOptions,
  done: (error: OutboundError | null, body?: Buffer) => void,
): BodyReader {
  let finished = false;
  let chunks: Buffer[] = [];
  let received = 0;
  let decoding: { name: string; decoder: Transform } | null = null;

  const cancel = (): void => {
    finished = true;
    chunks = [];
    decoding?.decoder.destroy();
    response.destroy();
  };
  const fail = (error: OutboundError): void => {
    if (finished) return;
    cancel();
    done(error);
  };
  const succeed = (): void => {
    if (finished) return;
    finished = true;
    const body = Buffer.concat(chunks, received);
    chunks = [];
    done(null, body);
  };

  const declaredLength = Number(response.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > options.maxBodyBytes) {
    fail(tooLargeError(options.maxBodyBytes));
    return { cancel };
  }
  try {
    decoding = createDecoder(response.headers['content-encoding']);
  } catch (error) {
    fail(error as OutboundError);
    return { cancel };
  }

  let responseEnded = false;
  response.on('end', () => {
    responseEnded = true;
  });
  response.on('error', () => {
    fail(new OutboundError('network', `connection to ${options.endpoint} closed before the response was complete`));
  });
  response.on('close', () => {
    if (!responseEnded) {
      fail(new OutboundError('network', `connection to ${options.endpoint} closed before the response was complete`));
    }
  });

  let output: Readable = response;
  if (decoding !== null) {
    const { name, decoder } = decoding;
    decoder.on('error', (error: Error) => {
      fail(new OutboundError('decompression', `could not decompress the ${name} response body (${error.message})`, { cause: error }));
    });
    response.pipe(decoder);
    output = decoder;
  }
  output.on('data', (chunk: Buffer) => {
    if (finished) return;
    received += chunk.length;
    if (received > options.maxBodyBytes) {
      fail(tooLargeError(options.maxBodyBytes));
      return;
    }
    chunks.push(chunk);
  });
  output.on('end', succeed);
  return { cancel };
}
