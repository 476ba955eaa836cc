/**
 * The build, as the first part of `npm test`: the CLI and package tests run what it writes to
 * dist/. A failed build fails here, with the compiler's report, and counts in the closing line.
 */
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";

test("npm run build compiles the packages", () => {
  const run = spawnSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(run.stdout + run.stderr).toBe("");
  expect(run.status).toBe(0);
});
