/**
 * The contract is deterministic: the consumer tests, run again into a temp dir, write the very
 * bytes that the consumer stage just wrote to contracts/ (no timestamps, stable order).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";
import { PACKAGE_ROOT } from "../../../src/openapi/index.js";
import { CONTRACT } from "./planted.js";

function runConsumerStage(pactDir: string): Promise<{ code: number | null; output: string }> {
  // A clean environment for the nested vitest: none of this worker's VITEST_* variables.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST")));
  const vitest = join(PACKAGE_ROOT, "node_modules", "vitest", "vitest.mjs");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitest, "run", "test/contracts/consumer"], {
      cwd: PACKAGE_ROOT,
      env: { ...env, FP_GIFTCARDS_PACT_DIR: pactDir, PACT_DO_NOT_TRACK: "true", NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

test("a second consumer run writes byte-identical contracts", async () => {
  const dir = mkdtempSync(join(tmpdir(), "fp-pacts-"));
  const run = await runConsumerStage(dir);
  expect(run.code, run.output).toBe(0);
  const committed = readdirSync(dirname(CONTRACT)).filter((name) => name.endsWith(".json"));
  expect(readdirSync(dir)).toEqual(committed);
  for (const name of committed) {
    expect(readFileSync(join(dir, name), "utf8"), name).toBe(readFileSync(join(dirname(CONTRACT), name), "utf8"));
  }
});
