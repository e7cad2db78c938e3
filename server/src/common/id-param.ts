import { BadRequestException, ParseIntPipe } from '@nestjs/common';

/** Parses a numeric `:id` route parameter; anything else is a 400 that names the resource. */
export function idParam(resource: string): ParseIntPipe {
  return new ParseIntPipe({ exceptionFactory: () => new BadRequestException(`${resource} id must be a whole number`) });
}
