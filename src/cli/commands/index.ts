/** Every command of `fp-giftcards`, one file each. */
import type { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerCodegen } from "./codegen.js";
import { registerCoverage } from "./coverage.js";
import { registerLint } from "./lint.js";
import { registerMock } from "./mock.js";
import { registerProvenance } from "./provenance.js";
import { registerProxy } from "./proxy.js";
import { registerVerify } from "./verify.js";

export function registerCommands(program: Command): void {
  registerCodegen(program);
  registerLint(program);
  registerCheck(program);
  registerCoverage(program);
  registerVerify(program);
  registerMock(program);
  registerProvenance(program);
  registerProxy(program);
}
