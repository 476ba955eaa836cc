/**
 * The pact folder's one CLI wording, for check, coverage and verify: a folder that does not
 * exist is a usage error (exit 2) that names the flag; other pact-file problems stay theirs.
 */
import { DEFAULT_PACT_DIR, NoPactFiles } from "../../contracts/pact-files.js";
import { UsageError } from "../errors.js";

/** The usage error for a missing pact folder, or undefined for any other error. */
export function pactDirError(error: unknown): UsageError | undefined {
  if (!(error instanceof NoPactFiles) || error.missingDir === undefined) return undefined;
  const where = error.missingDir === DEFAULT_PACT_DIR ? ` (the default, where giftCardsPact writes)` : "";
  return new UsageError(
    `${error.message}${where}: run the consumer tests first, or give the folder with --pact-dir DIR`,
  );
}
