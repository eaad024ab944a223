import { type FeeEstimates, IsEmailAddress, parseFeeEstimates } from '@rw/kernel';
import { PAYMENT_METHODS } from '@rw/payments';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIBAN,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';

/** Belgian company (enterprise) number: 10 digits, the last two are 97 − (first eight mod 97). */
function isCompanyNumber(value: string): boolean {
  const digits = value.replace(/\./g, '');
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/**
 * Every environment variable the platform reads, validated at start-up: a bad value stops the process with a
 * message that names the variable. The README's table lists the same variables (test/docs checks it).
 */
export class PlatformConfig {
  @Transform(toInt)
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  @IsInt({ message: 'PORT must be a whole number' })
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  // whose X-Forwarded-For is believed (rate limits and login limits count by the client address it gives): the
  // reverse proxy's address. Loopback by default; in docker-compose the proxy is another container
  @Matches(
    /^\s*(loopback|linklocal|uniquelocal|[\da-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[\da-fA-F.:]+(\/\d{1,3})?))*\s*$/,
    {
      message:
        'TRUST_PROXY must list the reverse proxy addresses whose X-Forwarded-For is trusted: loopback, linklocal, uniquelocal or IP addresses / CIDR ranges, separated by commas',
    },
  )
  TRUST_PROXY = 'loopback';

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must name a folder' })
  DATA_DIR = './data';

  @IsIn(['sqlite', 'esdb'], { message: 'EVENT_STORE must be sqlite or esdb' })
  EVENT_STORE: 'sqlite' | 'esdb' = 'sqlite';

  @ValidateIf((c: PlatformConfig) => c.EVENT_STORE === 'esdb' || c.EVENTSTORE_CONNECTION_STRING !== undefined)
  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message:
      'EVENTSTORE_CONNECTION_STRING must be an EventStoreDB connection string such as esdb://localhost:2113?tls=false (required when EVENT_STORE=esdb)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsIn(['sandbox', 'stripe', 'mollie'], { message: 'PAYMENT_PROVIDER must be sandbox, stripe or mollie' })
  PAYMENT_PROVIDER: 'sandbox' | 'stripe' | 'mollie' = 'sandbox';

  @ValidateIf((c: PlatformConfig) => c.PAYMENT_PROVIDER === 'mollie' || c.MOLLIE_API_KEY !== undefined)
  @Matches(/^(test|live)_\w{20,}$/, {
    message: 'MOLLIE_API_KEY must be a Mollie API key (test_… or live_…), required with PAYMENT_PROVIDER=mollie',
  })
  MOLLIE_API_KEY?: string;

  @ValidateIf((c: PlatformConfig) => c.PAYMENT_PROVIDER === 'stripe' || c.STRIPE_SECRET_KEY !== undefined)
  @Matches(/^(sk|rk)_(test|live)_\S+$/, {
    message:
      'STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…), required with PAYMENT_PROVIDER=stripe',
  })
  STRIPE_SECRET_KEY?: string;

  @ValidateIf((c: PlatformConfig) => c.PAYMENT_PROVIDER === 'stripe' || c.STRIPE_WEBHOOK_SECRET !== undefined)
  @Matches(/^whsec_\S+$/, {
    message:
      'STRIPE_WEBHOOK_SECRET must be the signing secret of the webhook endpoint (whsec_…), required with PAYMENT_PROVIDER=stripe',
  })
  STRIPE_WEBHOOK_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, {
    message: 'PUBLIC_BASE_URL must be an http(s) address such as https://give.example.org',
  })
  PUBLIC_BASE_URL?: string;

  /** Inferred: smtp when SMTP_URL is set, else the outbox (see loadConfig). */
  @IsOptional()
  @IsIn(['outbox', 'smtp'], { message: 'MAIL must be outbox or smtp' })
  MAIL?: 'outbox' | 'smtp';

  @ValidateIf((c: PlatformConfig) => c.MAIL === 'smtp' || c.SMTP_URL !== undefined)
  @Matches(/^smtps?:\/\/\S+$/, {
    message:
      'SMTP_URL must be an smtp:// or smtps:// address such as smtps://user:pass@smtp.example.org (required with MAIL=smtp)',
  })
  SMTP_URL?: string;

  @Matches(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'MAIL_FROM must be an e-mail address, optionally with a name: Refugee Walk <walk@example.org>',
  })
  MAIL_FROM = 'Refugee Walk <no-reply@refugeewalk.invalid>';

  @IsOptional()
  @IsEmailAddress({ message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @ValidateIf((c: PlatformConfig) => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'ADMIN_PASSWORD is required with ADMIN_EMAIL' })
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;

  @IsOptional()
  @MinLength(32, { message: 'AUTH_TOKEN_SECRET must be at least 32 characters long' })
  AUTH_TOKEN_SECRET?: string;

  // with EventStoreDB the persons' keys are in the store, wrapped with a key made from this secret: every
  // instance needs the same one, and without it the store alone opens nothing
  @ValidateIf((c: PlatformConfig) => c.EVENT_STORE === 'esdb' || c.PERSONAL_DATA_SECRET !== undefined)
  @MinLength(32, { message: 'PERSONAL_DATA_SECRET must be at least 32 characters long' })
  @IsString({ message: 'PERSONAL_DATA_SECRET is required with EVENT_STORE=esdb (the same on every instance)' })
  PERSONAL_DATA_SECRET?: string;

  @Transform(toInt)
  @Min(1, { message: 'AUTH_TOKEN_TTL_MINUTES must be between 1 and 10080 (a week)' })
  @Max(10080, { message: 'AUTH_TOKEN_TTL_MINUTES must be between 1 and 10080 (a week)' })
  @IsInt({ message: 'AUTH_TOKEN_TTL_MINUTES must be a whole number' })
  AUTH_TOKEN_TTL_MINUTES = 480;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @Transform(toInt)
  @Min(100, { message: 'SHUTDOWN_TIMEOUT_MS must be between 100 and 600000' })
  @Max(600_000, { message: 'SHUTDOWN_TIMEOUT_MS must be between 100 and 600000' })
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number' })
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @Transform(toInt)
  @Min(1, { message: 'LOGIN_ATTEMPTS_PER_15_MINUTES must be 1 or more' })
  @IsInt({ message: 'LOGIN_ATTEMPTS_PER_15_MINUTES must be a whole number' })
  LOGIN_ATTEMPTS_PER_15_MINUTES = 10;

  @Transform(toInt)
  @Min(1, { message: 'PUBLIC_POSTS_PER_MINUTE must be 1 or more' })
  @IsInt({ message: 'PUBLIC_POSTS_PER_MINUTE must be a whole number' })
  // generous: donors at the event share the venue Wi-Fi, so one address can be many people
  PUBLIC_POSTS_PER_MINUTE = 300;

  /**
   * How long an instance's claim on an effect (a mail, a pledge falling due, a reconciliation round) holds before
   * another instance may take it over: the time an instance that died is given before its work is redone.
   */
  @Transform(toInt)
  @Min(1, { message: 'EFFECT_LEASE_SECONDS must be 1 or more' })
  @IsInt({ message: 'EFFECT_LEASE_SECONDS must be a whole number' })
  EFFECT_LEASE_SECONDS = 60;

  @Transform(toInt)
  @Min(1, { message: 'WEBHOOK_POSTS_PER_MINUTE must be 1 or more' })
  @IsInt({ message: 'WEBHOOK_POSTS_PER_MINUTE must be a whole number' })
  // a provider sends from a few addresses: one gift's payment, refund and charge-back, a busy evening's many gifts
  WEBHOOK_POSTS_PER_MINUTE = 600;

  @Transform(toInt)
  @Min(0, { message: 'RECONCILE_EVERY_MINUTES must be 0 (off) or more' })
  @IsInt({ message: 'RECONCILE_EVERY_MINUTES must be a whole number' })
  RECONCILE_EVERY_MINUTES = 10;

  @Transform(toInt)
  @Min(1, { message: 'RECONCILE_PENDING_AFTER_MINUTES must be 1 or more' })
  @IsInt({ message: 'RECONCILE_PENDING_AFTER_MINUTES must be a whole number' })
  RECONCILE_PENDING_AFTER_MINUTES = 30;

  // tax certificates (attest 281.71): the charity as printed on them and declared to Belcotax-on-web
  // Belcotax zone lengths: the sender's name 41 characters (v0014), its street 32 (v0015, a1013)
  @IsString()
  @Matches(/^.{1,41}$/, { message: 'CHARITY_NAME must name the charity in 1 to 41 characters (Belcotax zone v0014)' })
  CHARITY_NAME = 'Refugee Walk (sandbox)';

  @IsString()
  @Matches(/^.{1,32},\s*\d{4}\s+.+$/, {
    message:
      'CHARITY_ADDRESS must be "street number, postal code city" with a street of at most 32 characters (Belcotax), such as "Wetstraat 1, 1000 Brussel"',
  })
  CHARITY_ADDRESS = 'Wetstraat 1, 1000 Brussel';

  // who the tax administration contacts about the Belcotax file (sender zones v0021, v0018, v0023)
  @IsString()
  @Matches(/^.{1,34}$/, {
    message: 'CHARITY_CONTACT_NAME must name the person finance is reached at, in 1 to 34 characters (Belcotax)',
  })
  CHARITY_CONTACT_NAME = 'Finance (sandbox)';

  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s./()-]/g, '') : value))
  @Matches(/^\+?\d{8,11}$/, {
    message:
      'CHARITY_PHONE must be a phone number of at most 12 characters once spaces are taken out, such as +32 2 555 01 00',
  })
  CHARITY_PHONE = '+3225550100';

  @IsEmailAddress({ message: 'CHARITY_EMAIL must be an e-mail address (Belcotax sends the processing result there)' })
  @Matches(/^.{1,44}$/, { message: 'CHARITY_EMAIL has at most 44 characters (Belcotax)' })
  CHARITY_EMAIL = 'finance@example.org';

  /** Printed under each certificate: who signs for the charity, e.g. "Marie Peeters, penningmeester". */
  @IsString()
  @Matches(/^.{1,80}$/, { message: 'CHARITY_SIGNATORY must name who signs the certificates, in 1 to 80 characters' })
  CHARITY_SIGNATORY = 'The treasurer (sandbox)';

  /**
   * Zone 2.45 of each 281.71 record: the code of the article of the income tax code the certificates are issued
   * under (art. 145/33), as the Belcotax-on-web brochure lists them.
   */
  @Matches(/^\d{1,2}$/, {
    message: 'CHARITY_CERTIFICATE_ARTICLE must be the 1- or 2-digit code of Belcotax zone 2.45 (the article)',
  })
  CHARITY_CERTIFICATE_ARTICLE = '1';

  @ValidateBy(
    {
      name: 'isCompanyNumber',
      validator: { validate: (value) => typeof value === 'string' && isCompanyNumber(value) },
    },
    {
      message:
        'CHARITY_COMPANY_NUMBER must be a Belgian company number such as 0412.345.614 (10 digits, the last two the first eight modulo 97 check)',
    },
  )
  CHARITY_COMPANY_NUMBER = '0412.345.614';
  // bank transfers: the account donors pay a transfer gift to; a sandbox account by default
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '').toUpperCase() : value))
  @IsIBAN({}, { message: 'CHARITY_IBAN must be an IBAN with valid check digits, such as BE68 5390 0754 7034' })
  CHARITY_IBAN = 'BE68539007547034';
  @Transform(toInt)
  @Min(0, { message: 'RECONCILE_PAID_WITHIN_DAYS must be 0 (paid gifts not looked up again) or more' })
  @Max(3650, { message: 'RECONCILE_PAID_WITHIN_DAYS must be 3650 or less' })
  @IsInt({ message: 'RECONCILE_PAID_WITHIN_DAYS must be a whole number' })
  // a refund or charge-back made in the provider's dashboard can come weeks later; its webhook may be lost
  RECONCILE_PAID_WITHIN_DAYS = 60;

  /**
   * What each payment method is estimated to cost the charity, offered to donors to add to their gift ("cover the
   * fees"): `method=fixed`, `method=percent%` or `method=fixed+percent%`, in euros. A method left out is offered
   * without it. The defaults are plausible list prices for Belgium (Mollie); set the contract's own.
   */
  @ValidateBy(
    {
      name: 'isFeeEstimates',
      validator: { validate: (value) => typeof value === 'string' && feeEstimatesProblem(value) === undefined },
    },
    { message: ({ value }) => `FEE_ESTIMATES: ${feeEstimatesProblem(String(value))}` },
  )
  FEE_ESTIMATES = 'bancontact=0.39, ideal=0.29, creditcard=0.25+1.8%, sepa=0.30';

  /** FEE_ESTIMATES as read (validated at start-up). */
  feeEstimates(): FeeEstimates {
    return parseFeeEstimates(this.FEE_ESTIMATES);
  }
}

/** Why FEE_ESTIMATES cannot be used, in a sentence, or undefined when it can. */
function feeEstimatesProblem(text: string): string | undefined {
  try {
    const unknown = Object.keys(parseFeeEstimates(text)).filter(
      (method) => !(PAYMENT_METHODS as readonly string[]).includes(method),
    );
    if (unknown.length === 0) return undefined;
    return `${unknown.join(', ')} is not a payment method (${PAYMENT_METHODS.join(', ')})`;
  } catch (error) {
    return (error as Error).message;
  }
}

export const CONFIG_VARIABLES = Object.keys(new PlatformConfig()).concat([
  'EVENTSTORE_CONNECTION_STRING',
  'PUBLIC_BASE_URL',
  'MOLLIE_API_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'AUTH_TOKEN_SECRET',
  'MAIL',
  'SMTP_URL',
  'PERSONAL_DATA_SECRET',
]);

export class InvalidConfiguration extends Error {
  override name = 'InvalidConfiguration';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads the platform's variables from `env` (unset or empty means: the default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const given: Record<string, string> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') given[name] = value.trim();
  }
  const config = plainToInstance(PlatformConfig, given);
  const errors = validateSync(config, { forbidUnknownValues: true, stopAtFirstError: true });
  if (errors.length > 0) {
    throw new InvalidConfiguration(errors.flatMap((e) => Object.values(e.constraints ?? {})));
  }
  // the address people reach the platform at: checkout return links and e-mails point there
  config.PUBLIC_BASE_URL = (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  config.MAIL = config.MAIL ?? (config.SMTP_URL ? 'smtp' : 'outbox');
  return config;
}
