/** `fp-giftcards coverage [--pact-dir pacts] [--json]` */
import type { Command } from "commander";
import { contractCoverage, formatCoverage } from "../../contracts/coverage.js";
import {
  assertVerifiable,
  DEFAULT_PACT_DIR,
  NoPactFiles,
  readPactDir,
  UnverifiablePact,
} from "../../contracts/pact-files.js";
import { UsageError } from "../errors.js";
import { pactDirError } from "./pact-dir.js";

interface CoverageFlags {
  pactDir?: string;
  json?: boolean;
}

export function registerCoverage(program: Command): void {
  program
    .command("coverage")
    .description(
      "which business outcomes (success and each status the spec documents per operation) the pact files exercise, and which none does",
    )
    .option(
      "--pact-dir <dir>",
      `the directory of pact files (default: ${DEFAULT_PACT_DIR}, where giftCardsPact writes)`,
    )
    .option("--json", "print the coverage as JSON")
    .addHelpText(
      "after",
      "\nA report: it exits 0 whatever the coverage, and 1 when the pacts cannot be read or are not for this API.",
    )
    .action((flags: CoverageFlags) => {
      let coverage;
      try {
        const pacts = readPactDir(flags.pactDir ?? DEFAULT_PACT_DIR);
        assertVerifiable(pacts);
        coverage = contractCoverage(pacts);
      } catch (error) {
        throw (
          pactDirError(error) ??
          (error instanceof NoPactFiles || error instanceof UnverifiablePact ? new UsageError(error.message, 1) : error)
        );
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(coverage, null, 2)}\n`);
        return;
      }
      const missed = coverage.operations.flatMap((op) =>
        op.outcomes.filter((o) => o.interactions.length === 0).map((o) => `${op.operationId} ${o.name}`),
      );
      process.stdout.write(
        `${formatCoverage(coverage)}\n\n${coverage.exercised} of ${coverage.total} outcomes exercised${missed.length > 0 ? `; never exercised: ${missed.join(", ")}` : ""}\n`,
      );
    });
}
