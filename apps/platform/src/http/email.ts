import { isEmail, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * An e-mail address. class-validator's isEmail throws URIError on text that is not well-formed Unicode (a lone
 * surrogate such as "\ud800@example.org"); such text is simply not an address.
 */
/** In a `u` regular expression a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && !LONE_SURROGATE.test(value) && isEmail(value);
}

export const IsEmailAddress = (options: ValidationOptions) =>
  ValidateBy({ name: 'isEmail', validator: { validate: (value) => isEmailAddress(value) } }, options);
