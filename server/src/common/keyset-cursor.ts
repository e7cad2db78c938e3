import { BadRequestException } from '@nestjs/common';
import { isRowId } from './id-param';

/**
 * Keyset pagination cursors: the (time, id) of the last item of a page, opaque to clients.
 * Both stories and alerts are paged newest first by such a pair. A cursor that does not decode
 * to a pair this server could have produced (an id a row can have, a time in epoch
 * milliseconds that a date can hold) is refused before it reaches SQL.
 */
export function encodeKeysetCursor(time: number, id: number): string {
  return Buffer.from(`${time}:${id}`).toString('base64url');
}

/** The largest time a JavaScript Date can hold, in epoch milliseconds. */
const MAX_TIME_MS = 8.64e15;
const INVALID = 'cursor is not valid: pass back the nextCursor of the previous page unchanged';

export function decodeKeysetCursor(cursor: string): { time: number; id: number } {
  const match = /^(-?\d{1,16}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadRequestException(INVALID);
  const time = Number(match[1]);
  const id = Number(match[2]);
  if (Math.abs(time) > MAX_TIME_MS || !isRowId(id)) throw new BadRequestException(INVALID);
  return { time, id };
}
