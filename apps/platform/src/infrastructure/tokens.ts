// The injection tokens moved to libs/runtime (the CLI's context provides them too); this path stays so that the
// platform's files need not all change at once.
export * from '@rw/runtime/infrastructure/tokens';
