// The logger moved to libs/runtime (the CLI logs through it too); this path stays so that the platform's files
// need not all change at once.
export * from '@rw/runtime/logging/logger';
