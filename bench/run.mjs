/**
 * `npm run bench`: every benchmark in one run, one after the other (never in parallel: the
 * machines have 2 cores), each printing its own tables, then one summary. Each benchmark is a
 * module of this folder that runs alone too and exports an async function this runner calls:
 * `run` (ours), or whatever single function the module exports (bench/mock.mjs is written
 * separately and joins when present).
 *
 *   npm run bench                         client, codegen, footprint, and mock when present
 *   npm run bench -- --with-pipeline      …and the test pipeline (`npm test`, slow); or BENCH_PIPELINE=1
 *   npm run bench -- --only client,codegen
 *
 * A failing benchmark is reported and makes the exit code 1; the others still run.
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMain, machineLine, table } from "./util.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The benchmarks to run, in order, from the command line and environment. */
export function selectBenchmarks(argv, env = {}) {
  const withPipeline = argv.includes("--with-pipeline") || env.BENCH_PIPELINE === "1";
  const names = ["client", "codegen", "footprint", "mock", ...(withPipeline ? ["pipeline"] : [])];
  const i = argv.indexOf("--only");
  if (i < 0) return names;
  const only = (argv[i + 1] ?? "").split(",").filter(Boolean);
  const unknown = only.filter((name) => ![...names, "pipeline"].includes(name));
  if (only.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of: client, codegen, footprint, mock, pipeline${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}`);
  }
  return only;
}

/** The function a benchmark module offers: `run`, else `default`, else its only exported function. */
export function entryPoint(module) {
  if (typeof module.run === "function") return module.run;
  if (typeof module.default === "function") return module.default;
  const functions = Object.values(module).filter((value) => typeof value === "function");
  return functions.length === 1 ? functions[0] : undefined;
}

async function main() {
  const selected = selectBenchmarks(process.argv.slice(2), process.env);
  console.log(`# freedompay-gift-cards benchmarks — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  console.log(`machine: ${machineLine()}`);
  // Other work on a shared 2-core machine shows up here; figures taken under load are noisier.
  const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");
  console.log(`load average (1/5/15 min) at start: ${load()}`);
  const summary = [["benchmark", "figure", "value", "target", ""]];
  let failed = false;
  for (const name of selected) {
    const file = join(HERE, `${name}.mjs`);
    if (!existsSync(file)) {
      console.log(`\n## ${name}: bench/${name}.mjs is not there yet — skipped`);
      summary.push([name, "(not run: module absent)", "", "", ""]);
      continue;
    }
    try {
      const module = await import(pathToFileURL(file).href);
      const benchmark = entryPoint(module);
      if (!benchmark) throw new Error(`bench/${name}.mjs exports no function to call (expected \`run\`)`);
      const result = await benchmark();
      if (Array.isArray(result?.summary)) {
        for (const row of result.summary) summary.push([name, ...row]);
      } else {
        summary.push([name, "(see its tables above)", "", "", ""]);
      }
    } catch (error) {
      failed = true;
      console.log(`\n## ${name}: FAILED — ${error?.message ?? error}`);
      summary.push([name, "FAILED", String(error?.message ?? error).split("\n")[0], "", ""]);
    }
  }
  if (!selected.includes("pipeline")) summary.push(["pipeline", "(not run: add --with-pipeline or BENCH_PIPELINE=1)", "", "", ""]);
  console.log("\n## Summary");
  console.log(table(summary));
  console.log(`load average (1/5/15 min) at end: ${load()}`);
  process.exitCode = failed ? 1 : 0;
}

if (isMain(import.meta.url)) await main();
