import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCountryCode, isPostalCode } from './address';
import { isEmailAddress } from './email';
import { isLanguage } from './language';
import { parseMoney } from './money';

/** DTO decorators built on the kernel's rules, so that a JSON body and a page form are checked alike. */

export const IsEmailAddress = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isEmailAddress', validator: { validate: (value) => isEmailAddress(value) } }, options);

export const IsLanguage = (options?: ValidationOptions) =>
  ValidateBy({ name: 'isLanguage', validator: { validate: (value) => isLanguage(value) } }, options);

export const IsPostalCode = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isPostalCode', validator: { validate: (value) => typeof value === 'string' && isPostalCode(value) } },
    options,
  );

export const IsCountryCode = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isCountryCode', validator: { validate: (value) => typeof value === 'string' && isCountryCode(value) } },
    options,
  );

/** An amount typed by a person ("12,50", "€ 1.250"), read by `parseMoney`. */
export const IsMoneyText = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isMoneyText', validator: { validate: (value) => typeof value === 'string' && parseMoney(value).ok } },
    options,
  );
