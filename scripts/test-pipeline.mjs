#!/usr/bin/env node
// `npm test`: every stage in order, each timed, so the slowest stage is visible. A stage whose
// prerequisite failed is skipped (verification needs the contracts the consumer stage writes).
// The package stage, mostly npm unpacking into a temporary project, runs in the background
// beside the others (its output is printed when it ends); it never builds, so dist/ stays
// still under the stages that run the CLI.
// The last line counts the tests of all vitest stages: "Tests: N passed, N failed, N skipped".
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reports = mkdtempSync(join(tmpdir(), "fp-giftcards-test-"));
const vitest = (name, ...dirs) => ({
  name,
  command: ["npx", "--no-install", "vitest", "run", ...dirs, "--reporter=default", "--reporter=json", `--outputFile.json=${join(reports, `${name}.json`)}`],
  report: join(reports, `${name}.json`),
});

const stages = [
  { name: "build", command: ["npm", "run", "--silent", "build"] },
  { ...vitest("package", "test/package/"), needs: "build", background: true },
  { name: "lint", command: ["node", "bin/fp-giftcards.js", "lint"], needs: "build" },
  { name: "codegen-check", command: ["node", "bin/fp-giftcards.js", "codegen", "--check"], needs: "build" },
  { name: "typecheck", command: ["npx", "--no-install", "tsc", "--noEmit", "-p", "."] },
  // vitest takes these as path filters: the trailing slash keeps test/cli/ from matching test/client/.
  { ...vitest("unit", "test/signing/", "test/spec/", "test/client/", "test/codegen/", "test/cli/"), needs: "build" },
  { ...vitest("mock", "test/mock/"), needs: "build" },
  { ...vitest("contracts-consumer", "test/contracts/consumer/"), needs: "build" },
  { ...vitest("contracts-verify", "test/contracts/verify/"), needs: "contracts-consumer" },
];

const env = { ...process.env, PACT_DO_NOT_TRACK: "true" };
const results = new Map();
const counts = { passed: 0, failed: 0, skipped: 0 };
const background = [];

function record(stage, exitCode, seconds) {
  results.set(stage.name, { status: exitCode === 0 ? "passed" : "FAILED", seconds });
  if (stage.report && existsSync(stage.report)) {
    const json = JSON.parse(readFileSync(stage.report, "utf8"));
    counts.passed += json.numPassedTests ?? 0;
    counts.failed += json.numFailedTests ?? 0;
    counts.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
}

function startInBackground(stage) {
  const log = join(reports, `${stage.name}.log`);
  const fd = openSync(log, "w");
  const start = performance.now();
  const child = spawn(stage.command[0], stage.command.slice(1), { stdio: ["ignore", fd, fd], env });
  closeSync(fd);
  process.stdout.write(`\n▶ ${stage.name} (in the background): ${stage.command.join(" ")}\n`);
  background.push(
    new Promise((resolve) =>
      child.on("close", (code) => {
        const seconds = (performance.now() - start) / 1000;
        process.stdout.write(`\n▶ ${stage.name} (ran in the background):\n${readFileSync(log, "utf8")}`);
        record(stage, code, seconds);
        resolve();
      }),
    ),
  );
}

const pipelineStart = performance.now();
for (const stage of stages) {
  if (stage.needs && results.get(stage.needs)?.status !== "passed") {
    results.set(stage.name, { status: `skipped (${stage.needs} failed)`, seconds: 0 });
    continue;
  }
  if (stage.background) {
    startInBackground(stage);
    continue;
  }
  process.stdout.write(`\n▶ ${stage.name}: ${stage.command.join(" ")}\n`);
  const start = performance.now();
  const run = spawnSync(stage.command[0], stage.command.slice(1), { stdio: "inherit", env });
  record(stage, run.status, (performance.now() - start) / 1000);
}
await Promise.all(background);
rmSync(reports, { recursive: true, force: true });

const total = (performance.now() - pipelineStart) / 1000;
process.stdout.write("\nStage timings (wall):\n");
for (const [name, { status, seconds }] of results) {
  process.stdout.write(`  ${name.padEnd(20)} ${seconds.toFixed(1).padStart(6)} s  ${status}\n`);
}
process.stdout.write(`  ${"total".padEnd(20)} ${total.toFixed(1).padStart(6)} s\n\n`);
const failed = [...results.values()].some(({ status }) => status !== "passed");
process.stdout.write(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
process.exitCode = failed ? 1 : 0;
