/** Every command of `fp-giftcards`, one file each. */
import type { Command } from "commander";
import { registerCodegen } from "./codegen.js";
import { registerLint } from "./lint.js";

export function registerCommands(program: Command): void {
  registerCodegen(program);
  registerLint(program);
}
