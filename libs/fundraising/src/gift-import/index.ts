export * from './decider';
export * from './gift-csv';
export * from './handlers';
