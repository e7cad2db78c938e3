import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

/**
 * Field rules for DTOs, each with its message written once. A field that can fail a rule in
 * several ways (not a number, a fraction, too small, too big) gets one message that states the
 * whole rule, so a client sees the same sentence whichever way it got the field wrong.
 * `$property` in a message is the field's name (class-validator fills it in).
 */

export interface WholeNumberOptions {
  /** The one message; by default "<field> must be a whole number from <min> to <max>". */
  message?: string;
  /** Each element of an array, rather than the field itself. */
  each?: boolean;
  /** Convert text first: query-string parameters arrive as text. */
  fromText?: boolean;
}

/** A whole number from `min` to `max` inclusive. */
export function WholeNumber(min: number, max: number, options: WholeNumberOptions = {}): PropertyDecorator {
  const message = options.message ?? `$property must be a whole number from ${min} to ${max}`;
  const each = options.each ?? false;
  const rules = [IsInt({ message, each }), Min(min, { message, each }), Max(max, { message, each })];
  return applyDecorators(...(options.fromText ? [Type(() => Number), ...rules] : rules));
}

export interface TextOptions {
  /** At most this many characters. */
  maxLength?: number;
  /** At least this many characters; 1 means "not empty". */
  minLength?: number;
  /** The message when the field is missing, not text or too short; by default "<field> must be text". */
  message?: string;
  each?: boolean;
}

/** Text, within the given lengths. */
export function Text(options: TextOptions = {}): PropertyDecorator {
  const { maxLength, minLength, each = false } = options;
  const message = options.message ?? (minLength ? `$property must be text of at least ${minLength} character${minLength === 1 ? '' : 's'}` : '$property must be text');
  const rules = [IsString({ message, each })];
  if (maxLength !== undefined) rules.push(MaxLength(maxLength, { message: `${each ? 'each of ' : ''}$property must be at most ${maxLength} characters`, each }));
  if (minLength) rules.push(MinLength(minLength, { message, each }));
  return applyDecorators(...rules);
}

/** true or false. */
export function Flag(): PropertyDecorator {
  return IsBoolean({ message: '$property must be true or false' });
}

/** One of `values`, named in the message ("<field> must be a, b or c"). */
export function OneOf(values: readonly string[], message = `$property must be ${inWords(values)}`): PropertyDecorator {
  return IsIn(values as string[], { message });
}

function inWords(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
