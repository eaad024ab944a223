export * from './bank-csv';
export * from './coda';
export * from './commands';
export * from './decider';
export * from './errors';
export * from './events';
export * from './handlers';
export * from './statement-line';
