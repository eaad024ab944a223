// The shared kernel: small value objects used alike by deciders, DTOs, page forms and views. No I/O, no framework;
// class-validator only for its e-mail check and for the DTO decorators built on the same rules.
export * from './address';
export * from './brussels-day';
export * from './email';
export * from './language';
export * from './money';
export * from './person';
export * from './validators';
export * from './fees';
