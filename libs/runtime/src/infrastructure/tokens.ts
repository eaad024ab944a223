/** Injection tokens of the platform's infrastructure. */
export const LOGGER = Symbol('LOGGER');
export const CLOCK = Symbol('CLOCK');

export type Clock = () => Date;
