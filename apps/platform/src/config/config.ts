// The configuration moved to libs/runtime (the CLI reads it too); this path stays so that the platform's files
// need not all change at once.
export * from '@rw/runtime/config/config';
