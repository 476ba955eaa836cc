/** The whole repository type-checks: src, tests, benchmarks and scripts (tsconfig.json). */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";

test("tsc --noEmit finds no error", () => {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "-p", REPO_ROOT], { encoding: "utf8" });
  expect(run.stdout + run.stderr).toBe("");
  expect(run.status).toBe(0);
});

test("src/ keeps its import rules: no cycle, nothing under src/proxy or src/contracts imports src/mock (scripts/check-imports.mjs)", () => {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "check-imports.mjs")], { encoding: "utf8" });
  expect(run.stdout + run.stderr).toBe("");
  expect(run.status).toBe(0);
});

test("the import check sees a cycle and a forbidden import when there is one", async () => {
  const { cycles, RULES } = await import("../../scripts/check-imports.mjs");
  const graph = new Map([
    ["src/mock/engine.ts", ["src/mock/pipeline.ts"]],
    ["src/mock/pipeline.ts", ["src/mock/engine.ts"]],
    ["src/proxy/index.ts", ["src/http/serve.ts"]],
  ]);
  expect(cycles(graph)).toEqual([["src/mock/engine.ts", "src/mock/pipeline.ts"]]);
  expect(RULES.find((rule) => rule.from === "src/proxy/")?.not).toContain("src/mock/");
});

test("the tree is formatted (biome format; generated/ and contracts/ are left as their tools write them)", () => {
  const biome = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");
  const run = spawnSync(process.execPath, [biome, "format", "--colors=off", REPO_ROOT], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  // Biome lists each file it would change; `npm run format` changes them.
  expect(run.status, `${run.stdout}${run.stderr}\nrun npm run format`).toBe(0);
});
