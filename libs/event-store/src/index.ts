export * from './event-store';
export * from './adapters/memory';
export * from './adapters/sqlite';
export * from './decider';
export * from './command-handling';
export * from './tokens';
export * from './personal-data';
export * from './effect-claims';
