/** The whole repository type-checks: src, tests, benchmarks and scripts (tsconfig.json). */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";

test("tsc --noEmit finds no error", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", REPO_ROOT], { encoding: "utf8" });
  expect(run.stdout + run.stderr).toBe("");
  expect(run.status).toBe(0);
});
