/**
 * A failure the user can fix: printed as one line (`fp-giftcards <command>: <message>`) and
 * a non-zero exit, never a stack. Anything else that escapes a command is our bug, and shows
 * its stack only with DEBUG set.
 */
export class UsageError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "UsageError";
    this.exitCode = exitCode;
  }
}

/** A spec given with --spec that cannot be read (src/openapi's SpecUnreadable) is a usage error. */
export const SPEC_UNREADABLE_EXIT_CODE = 2;

/** A command ran and found a problem (a stale file, a failed verification): exit 1. */
export class CommandFailed extends UsageError {
  constructor(message: string) {
    super(message, 1);
    this.name = "CommandFailed";
  }
}
