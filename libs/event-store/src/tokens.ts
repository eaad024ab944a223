/** Nest injection token of the configured `EventStore`. */
export const EVENT_STORE = Symbol('EVENT_STORE');
