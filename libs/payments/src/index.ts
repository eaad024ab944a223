export * from './adapters/sandbox';
export * from './payment-provider';
export * from './payment-methods';
export * from './adapters/stripe';
export * from './adapters/mollie';
