export * from './adapters/sandbox';
export * from './payment-provider';
export * from './payment-methods';
