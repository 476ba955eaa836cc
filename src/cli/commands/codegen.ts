/** `fp-giftcards codegen [--spec FILE] [--out FILE [--runtime]] [--check]` */
import type { Command } from "commander";
import { codegen, CodegenFailed, DEFAULT_OUT, OutRequired, type CodegenOptions } from "../../codegen/generate.js";
import { CommandFailed, UsageError } from "../errors.js";

interface CodegenFlags {
  spec?: string;
  out?: string;
  runtime?: boolean;
  check?: boolean;
}

export function toCodegenOptions(flags: CodegenFlags): CodegenOptions {
  return {
    ...(flags.spec !== undefined ? { spec: flags.spec } : {}),
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    ...(flags.runtime ? { runtime: true } : {}),
    check: flags.check === true,
  };
}

/** The file system refusing --out (a directory, no permission, …) is the user's to fix. */
function outFileError(error: unknown, out: string): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EISDIR") return new UsageError(`--out ${out} is a directory; name the file to write`, 1);
  if (code === "EEXIST" || code === "ENOTDIR")
    return new UsageError(`cannot write --out ${out}: a part of its path is a file, not a directory`, 1);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return new UsageError(`cannot write --out ${out}: not allowed (${code})`, 1);
  return undefined;
}

export function registerCodegen(program: Command): void {
  program
    .command("codegen")
    .description(
      "generate TypeScript types from the gift-cards spec (openapi-typescript); for this package's generated/, also the client's runtime module (paths, validators, status names)",
    )
    .option("--spec <file>", "the OpenAPI spec (default: the one shipped with the package)")
    .option(
      "--out <file>",
      `where to write the types; required except in the toolkit's own repo, where the default is ${DEFAULT_OUT} and the client's runtime module beside it`,
    )
    .option(
      "--runtime",
      "with --out: also write the client's runtime module beside the types (<name>.runtime.js and .runtime.d.ts)",
    )
    .option("--check", "do not write; fail when a file differs from what the spec generates")
    .action(async (flags: CodegenFlags) => {
      const options = toCodegenOptions(flags);
      const results = await codegen(options).catch((error: unknown) => {
        if (error instanceof CodegenFailed) throw new UsageError(error.message, 1);
        if (error instanceof OutRequired) throw new UsageError(error.message);
        throw outFileError(error, options.out ?? DEFAULT_OUT) ?? error;
      });
      const stale = results.find((result) => result.kind === "stale");
      if (stale) {
        const why = stale.reason === "missing" ? "does not exist" : "differs from what the spec generates";
        throw new CommandFailed(
          `${stale.out} ${why}; run \`fp-giftcards codegen${options.out ? ` --out ${options.out}` : ""}${options.out && options.runtime ? " --runtime" : ""}\` and commit it`,
        );
      }
      for (const result of results) {
        process.stdout.write(
          result.kind === "written" ? `wrote ${result.out} (${result.bytes} bytes)\n` : `${result.out} is up to date\n`,
        );
      }
    });
}
