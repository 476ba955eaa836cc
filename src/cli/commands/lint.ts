/** `fp-giftcards lint [--spec FILE]` */
import type { Command } from "commander";
import { lintSpec } from "../../lint/redocly.js";
import { CommandFailed } from "../errors.js";

interface LintFlags {
  spec?: string;
}

export function toLintOptions(flags: LintFlags): { spec?: string } {
  return flags.spec !== undefined ? { spec: flags.spec } : {};
}

export function registerLint(program: Command): void {
  program
    .command("lint")
    .description(
      "lint the spec: Redocly's recommended rules plus this API's own (POST + JSON, datetime/status envelope, provenance, examples)",
    )
    .option("--spec <file>", "the OpenAPI spec (default: the one shipped with the package)")
    .action(async (flags: LintFlags) => {
      const { spec } = toLintOptions(flags);
      const result = await lintSpec(spec);
      process.stdout.write(`${result.output}\n`);
      if (!result.ok) throw new CommandFailed("the spec has lint errors (listed above); fix them and run it again");
    });
}
