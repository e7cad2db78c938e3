import { BadRequestException } from '@nestjs/common';
import { MAX_ROW_ID } from './id-param';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor';

const raw = (text: string) => Buffer.from(text).toString('base64url');

describe('keyset cursors', () => {
  it.each([
    [Date.UTC(2026, 0, 31), 17],
    [0, 1],
    [-86_400_000, 5],
    [Date.UTC(2026, 0, 31), MAX_ROW_ID],
  ])('round-trips (%i, %i)', (time, id) => {
    expect(decodeKeysetCursor(encodeKeysetCursor(time, id))).toEqual({ time, id });
  });

  it.each([
    ['garbage', '!!!not base64!!!'],
    ['an id past the integer range', raw(`1767139200000:${MAX_ROW_ID + 1}`)],
    ['a huge id', raw('1767139200000:99999999999999999999')],
    ['id 0', raw('1767139200000:0')],
    ['a time no date can hold', raw('9999999999999999:5')],
    ['a fraction', raw('1767139200000.5:5')],
    ['an exponent', raw('1e400:5')],
    ['a NUL', raw('1767139200000:5\u0000')],
    ['nothing', ''],
  ])('refuses %s with a 400 saying to pass nextCursor back', (_what, cursor) => {
    expect(() => decodeKeysetCursor(cursor)).toThrow(BadRequestException);
    expect(() => decodeKeysetCursor(cursor)).toThrow(/pass back the nextCursor/);
  });
});
