import { plainToInstance } from 'class-transformer';
import { IsOptional, validate } from 'class-validator';
import { Flag, OneOf, Text, WholeNumber } from './validation';

class Example {
  @IsOptional() @WholeNumber(1, 1000) threshold?: number;
  @IsOptional() @WholeNumber(1, 200, { fromText: true }) limit?: number;
  @IsOptional() @WholeNumber(0, 60, { message: 'minutes must be whole minutes up to an hour' }) minutes?: number;
  @IsOptional() @WholeNumber(1, 99, { each: true, message: 'channels must be a list of channel ids' }) channels?: number[];
  @IsOptional() @Text({ maxLength: 20, minLength: 1, message: 'name is required' }) name?: string;
  @IsOptional() @Text({ maxLength: 5 }) note?: string;
  @IsOptional() @Flag() enabled?: boolean;
  @IsOptional() @OneOf(['each', 'threshold', 'spike']) mode?: string;
}

/** The message the app's ValidationPipe would answer with (it stops at the first error). */
async function messageFor(plain: Record<string, unknown>): Promise<string | null> {
  const [error] = await validate(plainToInstance(Example, plain), { stopAtFirstError: true });
  return error ? Object.values(error.constraints ?? {})[0] : null;
}

describe('DTO field rules', () => {
  it.each([
    [{ threshold: 'many' }, 'threshold must be a whole number from 1 to 1000'],
    [{ threshold: 2.5 }, 'threshold must be a whole number from 1 to 1000'],
    [{ threshold: 0 }, 'threshold must be a whole number from 1 to 1000'],
    [{ threshold: 1001 }, 'threshold must be a whole number from 1 to 1000'],
    [{ limit: '0' }, 'limit must be a whole number from 1 to 200'],
    [{ limit: 'ten' }, 'limit must be a whole number from 1 to 200'],
    [{ minutes: 61 }, 'minutes must be whole minutes up to an hour'],
    [{ minutes: -1 }, 'minutes must be whole minutes up to an hour'],
    [{ channels: [1, 100] }, 'channels must be a list of channel ids'],
    [{ channels: [1, 'x'] }, 'channels must be a list of channel ids'],
    [{ name: '' }, 'name is required'],
    [{ name: 42 }, 'name is required'],
    [{ name: 'x'.repeat(21) }, 'name must be at most 20 characters'],
    [{ note: 7 }, 'note must be text'],
    [{ note: 'too long' }, 'note must be at most 5 characters'],
    [{ enabled: 'yes' }, 'enabled must be true or false'],
    [{ mode: 'often' }, 'mode must be each, threshold or spike'],
  ])('refuses %j with one message for the rule: %s', async (plain, message) => {
    expect(await messageFor(plain)).toBe(message);
  });

  it('accepts values inside the rules, converting query-string text where asked', async () => {
    expect(await messageFor({ threshold: 1000, limit: '200', minutes: 0, channels: [1, 99], name: 'x', note: 'short', enabled: false, mode: 'spike' })).toBeNull();
    expect(plainToInstance(Example, { limit: '50' }).limit).toBe(50);
  });
});
