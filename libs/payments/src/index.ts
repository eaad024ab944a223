export * from './adapters/sandbox';
export * from './payment-provider';
export * from './adapters/stripe';
export * from './adapters/mollie';
