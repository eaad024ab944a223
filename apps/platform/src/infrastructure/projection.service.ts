// The read side's service moved to libs/runtime (the reactors and reconciliation use it, in the platform and the
// CLI); this path stays so that the platform's files need not all change at once.
export * from '@rw/runtime/infrastructure/projection.service';
