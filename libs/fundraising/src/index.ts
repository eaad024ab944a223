export * from './edition/commands';
export * from './edition/decider';
export * from './edition/errors';
export * from './edition/events';
