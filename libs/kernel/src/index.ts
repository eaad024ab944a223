// The shared kernel: small value objects used alike by deciders, DTOs, page forms and views. No I/O, no framework.
export * from './language';
