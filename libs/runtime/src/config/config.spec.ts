import { openPaymentProvider } from '../infrastructure/payment-provider.factory';
import { InvalidConfiguration, loadConfig } from './config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof InvalidConfiguration) return error.problems;
    throw error;
  }
  return [];
}

describe('platform configuration', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EVENT_STORE: 'sqlite',
      PAYMENT_PROVIDER: 'sandbox',
      AUTH_TOKEN_TTL_MINUTES: 480,
      LOG_LEVEL: 'info',
    });
  });

  it('reads numbers and choices from their variables', () => {
    const config = loadConfig({
      PORT: '8080',
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      PERSONAL_DATA_SECRET: 'k'.repeat(32),
    });
    expect(config.PORT).toBe(8080);
    expect(config.EVENT_STORE).toBe('esdb');
  });

  it('names every badly set variable, one message each', () => {
    expect(
      problems({ PORT: '70000', LOG_LEVEL: 'loud', ADMIN_EMAIL: 'not-an-address', ADMIN_PASSWORD: 'short' }),
    ).toEqual([
      'PORT must be between 0 and 65535',
      'ADMIN_EMAIL must be an e-mail address',
      'ADMIN_PASSWORD must be at least 12 characters long',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('reads the charity’s Belcotax contact, signatory and article, with sandbox defaults', () => {
    expect(loadConfig({})).toMatchObject({
      CHARITY_CONTACT_NAME: 'Finance (sandbox)',
      CHARITY_PHONE: '+3225550100',
      CHARITY_EMAIL: 'finance@example.org',
      CHARITY_SIGNATORY: 'The treasurer (sandbox)',
      CHARITY_CERTIFICATE_ARTICLE: '1',
    });
    const config = loadConfig({
      CHARITY_CONTACT_NAME: 'Marie Peeters',
      CHARITY_PHONE: '02 555 01 00',
      CHARITY_EMAIL: 'fin@refugeewalk.be',
      CHARITY_SIGNATORY: 'Marie Peeters, penningmeester',
      CHARITY_CERTIFICATE_ARTICLE: '12',
    });
    expect(config).toMatchObject({ CHARITY_PHONE: '025550100', CHARITY_CERTIFICATE_ARTICLE: '12' });
  });

  it('refuses Belcotax details the file could not hold', () => {
    expect(
      problems({
        CHARITY_CONTACT_NAME: 'x'.repeat(35),
        CHARITY_PHONE: '+32 2 555 01 00 00',
        CHARITY_EMAIL: 'not an address',
        CHARITY_CERTIFICATE_ARTICLE: '145',
        CHARITY_NAME: 'n'.repeat(42),
        CHARITY_ADDRESS: 'A street whose name is far too long 1, 1000 Brussel',
      }),
    ).toEqual([
      expect.stringMatching(/^CHARITY_NAME must name the charity in 1 to 41 characters/),
      expect.stringMatching(/^CHARITY_ADDRESS must be .* at most 32 characters/),
      expect.stringMatching(/^CHARITY_CONTACT_NAME must name/),
      expect.stringMatching(/^CHARITY_PHONE must be a phone number of at most 12 characters/),
      expect.stringMatching(/^CHARITY_EMAIL must be an e-mail address/),
      expect.stringMatching(/^CHARITY_CERTIFICATE_ARTICLE must be the 1- or 2-digit code of Belcotax zone 2.45/),
    ]);
  });

  it('requires a connection string and the personal-data secret for EventStoreDB', () => {
    expect(problems({ EVENT_STORE: 'esdb' })).toEqual([
      expect.stringMatching(/^EVENTSTORE_CONNECTION_STRING must be/),
      'PERSONAL_DATA_SECRET is required with EVENT_STORE=esdb (the same on every instance)',
    ]);
    const secret = { PERSONAL_DATA_SECRET: 'k'.repeat(32) };
    expect(
      problems({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113', ...secret }),
    ).toHaveLength(1);
    expect(
      problems({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false', ...secret }),
    ).toEqual([]);
  });

  it('trusts X-Forwarded-For from loopback unless TRUST_PROXY names the proxies', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe('loopback');
    expect(loadConfig({ TRUST_PROXY: 'loopback, 172.16.0.0/12, fd00::/8' }).TRUST_PROXY).toBe(
      'loopback, 172.16.0.0/12, fd00::/8',
    );
    expect(loadConfig({ TRUST_PROXY: 'uniquelocal' }).TRUST_PROXY).toBe('uniquelocal');
    for (const bad of ['true', '*', 'proxy.example.org', 'loopback;rm']) {
      expect(problems({ TRUST_PROXY: bad })).toEqual([expect.stringMatching(/^TRUST_PROXY must list/)]);
    }
  });

  it('takes a personal-data secret of at least 32 characters, or none', () => {
    expect(problems({ PERSONAL_DATA_SECRET: 'too short' })).toEqual([
      'PERSONAL_DATA_SECRET must be at least 32 characters long',
    ]);
    expect(loadConfig({ PERSONAL_DATA_SECRET: 's'.repeat(32) }).PERSONAL_DATA_SECRET).toBe('s'.repeat(32));
    expect(loadConfig({}).PERSONAL_DATA_SECRET).toBeUndefined();
  });

  it('requires the admin password with the admin e-mail address', () => {
    expect(problems({ ADMIN_EMAIL: 'admin@example.org' })).toEqual([expect.stringMatching(/^ADMIN_PASSWORD/)]);
  });

  it('requires Stripe’s keys with PAYMENT_PROVIDER=stripe, and refuses unknown providers', () => {
    expect(problems({ PAYMENT_PROVIDER: 'stripe' })).toEqual([
      expect.stringMatching(/^STRIPE_SECRET_KEY must be a Stripe secret key/),
      expect.stringMatching(/^STRIPE_WEBHOOK_SECRET must be the signing secret/),
    ]);
    expect(
      problems({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }),
    ).toEqual([]);
    expect(problems({ PAYMENT_PROVIDER: 'paypal' })).toEqual([expect.stringMatching(/^PAYMENT_PROVIDER must be/)]);
  });

  it('opens the provider it names', () => {
    expect(openPaymentProvider(loadConfig({})).name).toBe('sandbox');
    const stripe = loadConfig({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_abc',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
    });
    expect(openPaymentProvider(stripe).name).toBe('stripe');
    const mollie = loadConfig({ PAYMENT_PROVIDER: 'mollie', MOLLIE_API_KEY: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM' });
    expect(openPaymentProvider(mollie).name).toBe('mollie');
    expect(problems({ PAYMENT_PROVIDER: 'mollie' })).toEqual([
      expect.stringMatching(/^MOLLIE_API_KEY must be a Mollie API key/),
    ]);
  });

  it('looks paid gifts up again for 60 days unless RECONCILE_PAID_WITHIN_DAYS says otherwise, a whole number', () => {
    expect(loadConfig({}).RECONCILE_PAID_WITHIN_DAYS).toBe(60);
    expect(loadConfig({ RECONCILE_PAID_WITHIN_DAYS: '0' }).RECONCILE_PAID_WITHIN_DAYS).toBe(0);
    expect(loadConfig({ RECONCILE_PAID_WITHIN_DAYS: '90' }).RECONCILE_PAID_WITHIN_DAYS).toBe(90);
    expect(problems({ RECONCILE_PAID_WITHIN_DAYS: 'soon' })).toEqual([
      expect.stringMatching(/^RECONCILE_PAID_WITHIN_DAYS must be/),
    ]);
    expect(problems({ RECONCILE_PAID_WITHIN_DAYS: '4000' })).toEqual([
      expect.stringMatching(/^RECONCILE_PAID_WITHIN_DAYS must be 3650 or less/),
    ]);
  });

  it('reads the fee estimates per payment method, with plausible defaults, and refuses one it cannot read', () => {
    expect(loadConfig({}).feeEstimates()).toEqual({
      bancontact: { fixedCents: 39, basisPoints: 0 },
      ideal: { fixedCents: 29, basisPoints: 0 },
      creditcard: { fixedCents: 25, basisPoints: 180 },
      sepa: { fixedCents: 30, basisPoints: 0 },
    });
    expect(loadConfig({ FEE_ESTIMATES: 'bancontact=0.25+1.4%' }).feeEstimates()).toEqual({
      bancontact: { fixedCents: 25, basisPoints: 140 },
    });
    expect(problems({ FEE_ESTIMATES: 'bancontact=cheap' })).toEqual([
      'FEE_ESTIMATES: "bancontact=cheap" is not a fee estimate: write method=fixed, method=percent% or method=fixed+percent%, such as creditcard=0.25+1.8%',
    ]);
    expect(problems({ FEE_ESTIMATES: 'paypal=0.35' })).toEqual([
      'FEE_ESTIMATES: paypal is not a payment method (bancontact, ideal, creditcard, sepa)',
    ]);
  });
});
