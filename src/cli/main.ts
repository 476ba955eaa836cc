/**
 * `fp-giftcards`: parses the command line and hands each command to its file in commands/.
 * Commands hold no logic of their own beyond turning flags into options.
 */
import { Command, CommanderError } from "commander";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT, SpecUnreadable } from "../openapi/load.js";
import { SPEC_UNREADABLE_EXIT_CODE, UsageError } from "./errors.js";
import { registerCommands } from "./commands/index.js";

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command("fp-giftcards")
    .description("Codegen, mocks and contract verification for the Freedom Pay gift-cards API")
    .version(version(), "-v, --version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => undefined });
  registerCommands(program);
  return program;
}

function commandName(argv: string[]): string {
  const first = argv.slice(2).find((arg) => !arg.startsWith("-"));
  return first ? `fp-giftcards ${first}` : "fp-giftcards";
}

/**
 * Runs the CLI; resolves to the exit code. A command whose work is still pending when the
 * process runs out of things to do (a bug of ours: nothing left to wake it) must not end the
 * process with exit code 0, so until `main` settles, an empty event loop means exit 1.
 */
export async function main(argv: string[] = process.argv): Promise<number> {
  const unsettled = () => {
    process.stderr.write(
      `${commandName(argv)}: unexpected failure: the command stopped before it finished (our bug; set DEBUG=1 for details)\n`,
    );
    process.exitCode = 1;
  };
  process.once("beforeExit", unsettled);
  try {
    return await run(argv);
  } finally {
    process.off("beforeExit", unsettled);
  }
}

async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      // No command: commander has printed the help, which says it all.
      if (error.code === "commander.help") return 2;
      process.stderr.write(
        `${commandName(argv)}: ${error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")}\n`,
      );
      return 2;
    }
    // Every command that takes --spec answers an unreadable one this same way.
    if (error instanceof SpecUnreadable) {
      process.stderr.write(`${commandName(argv)}: ${error.message}\n`);
      return SPEC_UNREADABLE_EXIT_CODE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${commandName(argv)}: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${commandName(argv)}: unexpected failure: ${message} (set DEBUG=1 for the stack)\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}
