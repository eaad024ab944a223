/** The CLI's exit codes, listed in every command's help. */
export const EXIT = {
  ok: 0,
  /** The work ran and part of it failed (a gift its provider could not be asked about; no such account). */
  failed: 1,
  /** Bad command line: unknown command or option, a missing or extra argument, a value out of its choices. */
  usage: 2,
  /** `seed-demo` on an event store that holds events (without --if-empty). */
  notEmpty: 3,
  /** DATA_DIR is in use (the platform runs on it): stop it first. */
  dataDirInUse: 75,
  /** An environment variable has a bad value. */
  badConfiguration: 78,
} as const;
