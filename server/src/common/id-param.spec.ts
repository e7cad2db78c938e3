import { BadRequestException } from '@nestjs/common';
import { idParam, MAX_ROW_ID } from './id-param';

describe('idParam', () => {
  const pipe = idParam('feed');
  const transform = (value: string | number) => pipe.transform(value, { type: 'param', data: 'id' });

  it.each([
    ['1', 1],
    ['42', 42],
    ['007', 7],
    [String(MAX_ROW_ID), MAX_ROW_ID],
  ])('accepts %j as id %i', (value, id) => {
    expect(transform(value)).toBe(id);
  });

  it.each(['1e3', '1.5', '0x10', ' 1', '', 'abc', '1\u0000', 'Infinity', '-1'])('refuses %j: the id must be a whole number', (value) => {
    expect(() => transform(value)).toThrow(BadRequestException);
    expect(() => transform(value)).toThrow(/^feed id must be a whole number$/);
  });

  it.each(['0', '2147483648', '99999999999999999999', '9'.repeat(400)])('refuses %j: the id must be in the range a row id has', (value) => {
    expect(() => transform(value)).toThrow(`feed id must be from 1 to ${MAX_ROW_ID}`);
  });

  it('checks the number the global ValidationPipe may already have made of the parameter', () => {
    expect(transform(42)).toBe(42);
    for (const converted of [1.5, NaN]) expect(() => transform(converted)).toThrow(/^feed id must be a whole number$/);
    for (const converted of [0, -1, MAX_ROW_ID + 1, 1e20, Infinity]) expect(() => transform(converted)).toThrow(`feed id must be from 1 to ${MAX_ROW_ID}`);
  });
});
