import { BadRequestException, PipeTransform } from '@nestjs/common';

/**
 * The largest id a row can have: ids are `integer` columns, 32-bit on PostgreSQL, and PostgreSQL
 * refuses a larger number in a query with an error instead of finding nothing. Every id that
 * comes from a request (path, query, cursor) is checked against this before it reaches SQL.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** True for a whole number from 1 to MAX_ROW_ID. */
export function isRowId(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_ROW_ID;
}

class IdParamPipe implements PipeTransform<string | number, number> {
  constructor(private readonly resource: string) {}

  transform(value: string | number): number {
    // The global ValidationPipe (transform: true) usually hands over a number already, converted
    // with Number(); text that reaches here must be plain digits.
    const id = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : NaN;
    if (Number.isNaN(id) || (Number.isFinite(id) && !Number.isInteger(id))) throw new BadRequestException(`${this.resource} id must be a whole number`);
    if (!isRowId(id)) throw new BadRequestException(`${this.resource} id must be from 1 to ${MAX_ROW_ID}`);
    return id;
  }
}

/** Parses a numeric `:id` route parameter; anything else is a 400 that names the resource. */
export function idParam(resource: string): PipeTransform<string | number, number> {
  return new IdParamPipe(resource);
}
