import { BadRequestException } from '@nestjs/common';

/**
 * Keyset pagination cursors: the (time, id) of the last item of a page, opaque to clients.
 * Both stories and alerts are paged newest first by such a pair.
 */
export function encodeKeysetCursor(time: number, id: number): string {
  return Buffer.from(`${time}:${id}`).toString('base64url');
}

export function decodeKeysetCursor(cursor: string): { time: number; id: number } {
  const match = /^(\d{1,15}):(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new BadRequestException('cursor is not valid: pass back the nextCursor of the previous page unchanged');
  return { time: Number(match[1]), id: Number(match[2]) };
}
