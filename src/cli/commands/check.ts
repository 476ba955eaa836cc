/** `fp-giftcards check [--spec FILE] [--pact-dir pacts]` */
import type { Command } from "commander";
import type { CheckOptions } from "../../contracts/check.js";
import { DEFAULT_PACT_DIR, NoPactFiles, UnverifiablePact } from "../../contracts/pact-files.js";
import { CommandFailed, UsageError } from "../errors.js";
import { pactDirError } from "./pact-dir.js";

interface CheckFlags {
  spec?: string;
  pactDir?: string;
}

export function toCheckOptions(flags: CheckFlags): CheckOptions {
  return {
    ...(flags.spec !== undefined ? { spec: flags.spec } : {}),
    ...(flags.pactDir !== undefined ? { pactDir: flags.pactDir } : {}),
  };
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description(
      "check every interaction of the pact files against the spec, request and response (@pactflow/openapi-pact-comparator)",
    )
    .option("--spec <file>", "the OpenAPI spec (default: the one shipped with the package)")
    .option(
      "--pact-dir <dir>",
      `the directory of pact files (default: ${DEFAULT_PACT_DIR}, where giftCardsPact writes)`,
    )
    .addHelpText(
      "after",
      `
A pact for another provider, or an interaction in a provider state the stateful simulator does
not know (or with params it does not take), is refused before anything is compared.
A request that breaks the spec's schema on purpose is accepted only when its recorded answer
carries the status the spec assigns to the offending field (x-invalid-status); such
interactions are listed as accepted. Recorded answers must hold every required field. A request
value injected from the provider state (fromProviderState("\${card_id}", …)) must name a value
its state gives.`,
    )
    .action(async (flags: CheckFlags) => {
      // Loaded on use: the comparator is only needed here.
      const { checkContracts, CheckInputError, formatFinding } = await import("../../contracts/check.js");
      const report = await checkContracts(toCheckOptions(flags)).catch((error: unknown) => {
        throw (
          pactDirError(error) ??
          (error instanceof CheckInputError || error instanceof NoPactFiles || error instanceof UnverifiablePact
            ? new UsageError(error.message, 1)
            : error)
        );
      });
      const out = (line: string) => process.stdout.write(`${line}\n`);
      for (const a of report.accepted) out(`accepted (invalid on purpose): ${formatFinding(a)}`);
      for (const w of report.warnings) out(`warning: ${formatFinding(w)}`);
      for (const m of report.mismatches) out(`mismatch: ${formatFinding(m)}`);
      const scope = `${report.interactions} interaction${report.interactions === 1 ? "" : "s"} in ${report.files.length} pact file${report.files.length === 1 ? "" : "s"}`;
      if (report.mismatches.length > 0)
        throw new CommandFailed(
          `${report.mismatches.length} mismatch${report.mismatches.length === 1 ? "" : "es"} between the spec and ${scope}`,
        );
      out(`${scope} agree with the spec`);
    });
}
