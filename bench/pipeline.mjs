/**
 * Test pipeline cost: runs `npm test` (scripts/test-pipeline.mjs) once and reports the
 * "Stage timings (wall)" table it prints at its end, naming the slowest stage, against the target
 * of the whole under 60 s. Slow (it is the whole test suite), so `npm run bench` includes it
 * only with `--with-pipeline` or `BENCH_PIPELINE=1`. A failing stage is reported, not hidden:
 * its time still counts, and the pipeline's last lines are shown.
 *
 * Run alone: `node bench/pipeline.mjs` (npm test builds first)
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, heading, isMain, table, verdict } from "./util.mjs";

export const TARGET_SECONDS = 60;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Reads the block scripts/test-pipeline.mjs prints:
 *   Stage timings (wall):
 *     build                   2.4 s  passed
 *     total                  41.0 s
 * into `{ stages: [{ name, seconds, status }], total }`; undefined when the block is absent.
 */
export function parseStageTimings(text) {
  const at = text.lastIndexOf("Stage timings (wall):");
  if (at < 0) return undefined;
  const stages = [];
  let total;
  for (const line of text.slice(at).split(/\r?\n/).slice(1)) {
    const match = /^\s+(\S+)\s+(\d+(?:\.\d+)?) s(?:\s+(.*))?$/.exec(line);
    if (!match) break;
    if (match[1] === "total") {
      total = Number(match[2]);
      break;
    }
    stages.push({ name: match[1], seconds: Number(match[2]), status: (match[3] ?? "").trim() });
  }
  return { stages, total };
}

/** "Tests: N passed, N failed, N skipped" → numbers; undefined when absent. */
export function parseTestCounts(text) {
  const match = /Tests: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(text);
  return match ? { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]) } : undefined;
}

/**
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function run({ log = console.log } = {}) {
  const command = "node bench/pipeline.mjs   (or: npm run bench -- --with-pipeline)";
  log(heading("Test pipeline (`npm test`, one run, wall seconds per stage)", command));
  const start = performance.now();
  const child = spawnSync("npm", ["test", "--silent"], { cwd: ROOT, encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  const wall = (performance.now() - start) / 1000;
  // Vitest colours its output even when piped; the tail shown on failure is for people.
  const output = `${child.stdout}\n${child.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  const timings = parseStageTimings(child.stdout);
  if (!timings) {
    log(output.trim().split("\n").slice(-20).join("\n"));
    throw new Error(`pipeline benchmark: \`npm test\` exited ${child.status} without its "Stage timings (wall)" table`);
  }
  const ran = timings.stages.filter((stage) => stage.seconds > 0);
  const slowest = [...ran].sort((a, b) => b.seconds - a.seconds)[0];
  const total = timings.total ?? wall;
  // Stages may overlap (the pipeline runs two lanes side by side after the build): then a share of
  // the total means nothing, and the sum of the stages exceeds the total.
  const sum = ran.reduce((acc, stage) => acc + stage.seconds, 0);
  const overlapping = sum > total * 1.02;
  log(
    table([
      ["stage", "wall", overlapping ? "" : "share", "status"],
      ...timings.stages.map((stage) => [stage.name, `${fmt(stage.seconds, 1)} s`, overlapping || total <= 0 ? "" : `${fmt((100 * stage.seconds) / total, 0)}%`, stage.status]),
      ["total (pipeline's own clock)", `${fmt(total, 1)} s`, "", `target < ${TARGET_SECONDS} s: ${verdict(total < TARGET_SECONDS)}`],
      ["`npm test` process, spawn to exit", `${fmt(wall, 1)} s`, "", `exit ${child.status}`],
    ]),
  );
  if (overlapping) {
    log(`\nstages overlap: they add up to ${fmt(sum, 1)} s within a total of ${fmt(total, 1)} s (two lanes ran side by side)`);
  }
  const counts = parseTestCounts(child.stdout);
  if (counts) log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (slowest) log(`slowest stage: ${slowest.name} (${fmt(slowest.seconds, 1)} s)`);
  if (child.status !== 0) {
    log("\n`npm test` failed; its last lines:");
    log(output.trim().split("\n").slice(-15).join("\n"));
  }
  return {
    name: "pipeline",
    command,
    summary: [
      ["npm test, total", `${fmt(total, 1)} s${child.status === 0 ? "" : " (FAILED)"}`, `< ${TARGET_SECONDS} s`, verdict(total < TARGET_SECONDS)],
      ...(slowest ? [["slowest stage", `${slowest.name}, ${fmt(slowest.seconds, 1)} s`, "", ""]] : []),
    ],
  };
}

if (isMain(import.meta.url)) await run();
