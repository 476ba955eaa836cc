#!/usr/bin/env node
// `npm test`: every stage timed, so the slowest is visible. After the build, two lanes run side
// by side on the machine's two cores, each in order: the spec, the types and the unit and mock
// tests in the first (its output streams); the package and the contracts in the second (mostly
// npm unpacking and Pact's verifier; each stage's output is printed when it ends). No stage
// after the build writes dist/, so the lanes never see it change under them. A stage whose
// prerequisite failed is skipped (verification needs the contracts the consumer stage writes).
// The last line counts the tests of all vitest stages: "Tests: N passed, N failed, N skipped".
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reports = mkdtempSync(join(tmpdir(), "fp-giftcards-test-"));
const vitest = (name, ...dirs) => ({
  name,
  command: ["npx", "--no-install", "vitest", "run", ...dirs, "--reporter=default", "--reporter=json", `--outputFile.json=${join(reports, `${name}.json`)}`],
  report: join(reports, `${name}.json`),
});

const build = { name: "build", command: ["npm", "run", "--silent", "build"] };
const lanes = [
  [
    { name: "lint", command: ["node", "bin/fp-giftcards.js", "lint"] },
    { name: "codegen-check", command: ["node", "bin/fp-giftcards.js", "codegen", "--check"] },
    { name: "typecheck", command: ["npx", "--no-install", "tsc", "--noEmit", "-p", "."] },
    // vitest takes these as path filters: the trailing slash keeps test/cli/ from matching test/client/.
    vitest("unit", "test/signing/", "test/spec/", "test/client/", "test/codegen/", "test/cli/"),
    vitest("mock", "test/mock/"),
  ],
  [
    vitest("package", "test/package/"),
    vitest("contracts-consumer", "test/contracts/consumer/"),
    { ...vitest("contracts-verify", "test/contracts/verify/"), needs: "contracts-consumer" },
  ],
];

const env = { ...process.env, PACT_DO_NOT_TRACK: "true" };
const results = new Map();
const counts = { passed: 0, failed: 0, skipped: 0 };

function record(stage, exitCode, seconds) {
  results.set(stage.name, { status: exitCode === 0 ? "passed" : "FAILED", seconds });
  if (stage.report && existsSync(stage.report)) {
    const json = JSON.parse(readFileSync(stage.report, "utf8"));
    counts.passed += json.numPassedTests ?? 0;
    counts.failed += json.numFailedTests ?? 0;
    counts.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  }
}

/** Runs one stage; with `quiet`, its output goes to a file printed when it ends. */
async function run(stage, { quiet = false } = {}) {
  if (stage.needs && results.get(stage.needs)?.status !== "passed") {
    results.set(stage.name, { status: `skipped (${stage.needs} failed)`, seconds: 0 });
    return;
  }
  const log = join(reports, `${stage.name}.log`);
  const fd = quiet ? openSync(log, "w") : undefined;
  if (!quiet) process.stdout.write(`\n▶ ${stage.name}: ${stage.command.join(" ")}\n`);
  const start = performance.now();
  const child = spawn(stage.command[0], stage.command.slice(1), { stdio: quiet ? ["ignore", fd, fd] : "inherit", env });
  if (fd !== undefined) closeSync(fd);
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (quiet) process.stdout.write(`\n▶ ${stage.name} (second lane): ${stage.command.join(" ")}\n${readFileSync(log, "utf8")}`);
  record(stage, code, (performance.now() - start) / 1000);
}

const pipelineStart = performance.now();
await run(build);
if (results.get("build").status === "passed") {
  await Promise.all(
    lanes.map(async (lane, i) => {
      for (const stage of lane) await run(stage, { quiet: i > 0 });
    }),
  );
}
rmSync(reports, { recursive: true, force: true });

const total = (performance.now() - pipelineStart) / 1000;
process.stdout.write("\nAfter the build, lane 1 and lane 2 run side by side.\nStage timings (wall):\n");
for (const stage of [build, ...lanes.flat()]) {
  const { status, seconds } = results.get(stage.name) ?? { status: "skipped (build failed)", seconds: 0 };
  const lane = lanes.findIndex((l) => l.includes(stage));
  process.stdout.write(`  ${stage.name.padEnd(20)} ${seconds.toFixed(1).padStart(6)} s  ${lane < 0 ? "      " : `lane ${lane + 1}`}  ${status}\n`);
}
process.stdout.write(`  ${"total".padEnd(20)} ${total.toFixed(1).padStart(6)} s\n\n`);
const failed = [build, ...lanes.flat()].some((stage) => results.get(stage.name)?.status !== "passed");
process.stdout.write(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
process.exitCode = failed ? 1 : 0;
