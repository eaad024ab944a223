export * from './adapters/sandbox';
export * from './payment-provider';
