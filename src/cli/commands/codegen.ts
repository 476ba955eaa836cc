/** `fp-giftcards codegen [--spec FILE] [--out FILE] [--check]` */
import type { Command } from "commander";
import { codegen, DEFAULT_OUT, SpecUnreadable, type CodegenOptions } from "../../codegen/generate.js";
import { CommandFailed, UsageError } from "../errors.js";

interface CodegenFlags {
  spec?: string;
  out?: string;
  check?: boolean;
}

export function toCodegenOptions(flags: CodegenFlags): CodegenOptions {
  return {
    ...(flags.spec !== undefined ? { spec: flags.spec } : {}),
    ...(flags.out !== undefined ? { out: flags.out } : {}),
    check: flags.check === true,
  };
}

/** The file system refusing --out (a directory, no permission, …) is the user's to fix. */
function outFileError(error: unknown, out: string): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EISDIR") return new UsageError(`--out ${out} is a directory; name the file to write`, 1);
  if (code === "EEXIST" || code === "ENOTDIR") return new UsageError(`cannot write --out ${out}: a part of its path is a file, not a directory`, 1);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return new UsageError(`cannot write --out ${out}: not allowed (${code})`, 1);
  return undefined;
}

export function registerCodegen(program: Command): void {
  program
    .command("codegen")
    .description("generate TypeScript types from the gift-cards spec (openapi-typescript)")
    .option("--spec <file>", "the OpenAPI spec (default: the one shipped with the package)")
    .option("--out <file>", `where to write the types (default: ${DEFAULT_OUT})`)
    .option("--check", "do not write; fail when the file differs from what the spec generates")
    .action(async (flags: CodegenFlags) => {
      const options = toCodegenOptions(flags);
      const result = await codegen(options).catch((error: unknown) => {
        if (error instanceof SpecUnreadable) throw new UsageError(error.message, 1);
        throw outFileError(error, options.out ?? DEFAULT_OUT) ?? error;
      });
      if (result.kind === "stale") {
        const why = result.reason === "missing" ? "does not exist" : "differs from what the spec generates";
        throw new CommandFailed(`${result.out} ${why}; run \`fp-giftcards codegen${options.out ? ` --out ${options.out}` : ""}\` and commit it`);
      }
      process.stdout.write(result.kind === "written" ? `wrote ${result.out} (${result.bytes} bytes)\n` : `${result.out} is up to date\n`);
    });
}
