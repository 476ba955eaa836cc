/** `fp-giftcards provenance [--recordings DIR] [--spec FILE]` */
import type { Command } from "commander";
import { loadSpec } from "../../openapi/load.js";
import { readRecordings, trafficEvidence, UnreadableRecordings } from "../../provenance/evidence.js";
import { formatProvenance } from "../../provenance/report.js";
import { specProvenance } from "../../provenance/spec-provenance.js";
import { UsageError } from "../errors.js";

interface ProvenanceFlags {
  recordings?: string;
  spec?: string;
}

export function registerProvenance(program: Command): void {
  program
    .command("provenance")
    .description(
      "where each fact of the spec comes from (documented, inferred, decision), and with --recordings what real traffic showed about it",
    )
    .option("--recordings <dir>", "recordings of real traffic written by `fp-giftcards proxy --record DIR`")
    .option("--spec <file>", "the OpenAPI spec (default: the one shipped with the package)")
    .action((flags: ProvenanceFlags) => {
      const spec = flags.spec === undefined ? loadSpec() : loadSpec(flags.spec);
      let traffic;
      try {
        traffic = flags.recordings === undefined ? undefined : trafficEvidence(spec, readRecordings(flags.recordings));
      } catch (error) {
        throw error instanceof UnreadableRecordings ? new UsageError(error.message, 1) : error;
      }
      process.stdout.write(`${formatProvenance(specProvenance(spec), traffic)}\n`);
    });
}
