/**
 * Codegen end to end, as a user's CI runs it: `fp-giftcards codegen --out FILE` and `--check`,
 * each a fresh process (start-up included), timed from spawn to exit. A bare `node -e ""` is
 * timed in the same run as the floor any command pays, and `node bin/fp-giftcards.js --help`
 * as the CLI's own start-up, so the part that is type generation shows.
 *
 * Run alone: `npm run build && node bench/codegen.mjs [--runs N]`
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, fmtSpread, heading, isMain, summarize, table, verdict } from "./util.mjs";

export const TARGET_SECONDS = 1.5;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Wall seconds of one process run from the package root; throws if it fails. */
function timeProcess(args) {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) {
    throw new Error(`codegen benchmark: \`node ${args.join(" ")}\` exited ${child.status}: ${(child.stderr || child.stdout).trim().split("\n")[0]}`);
  }
  return seconds;
}

/**
 * @param {{ runs?: number, log?: (line: string) => void }} [options]
 */
export async function run({ runs = 5, log = console.log } = {}) {
  const command = "npm run build && node bench/codegen.mjs";
  log(heading(`Codegen, end to end (${runs} runs each after one warm-up, wall seconds)`, command));
  const dir = mkdtempSync(join(tmpdir(), "fp-giftcards-bench-codegen-"));
  try {
    const out = join(dir, "gift-cards.d.ts");
    const cases = [
      ["node -e \"\" (process start, the floor)", ["-e", ""]],
      ["fp-giftcards --help (CLI start)", ["bin/fp-giftcards.js", "--help"]],
      ["fp-giftcards codegen --out <tmp>", ["bin/fp-giftcards.js", "codegen", "--out", out]],
      ["fp-giftcards codegen --check", ["bin/fp-giftcards.js", "codegen", "--check"]],
      // The capability without the CLI around it: what codegen costs if the CLI loaded nothing
      // else (the other commands' modules lazily), i.e. the floor for the two rows above.
      ["  diag: codegen() via its module alone, --out <tmp>", ["--input-type=module", "-e", `const { codegen } = await import("./dist/src/codegen/generate.js"); await codegen({ out: ${JSON.stringify(out)} });`]],
    ];
    for (const [, args] of cases) timeProcess(args);
    const samples = cases.map(() => []);
    for (let round = 0; round < runs; round += 1) {
      cases.forEach(([, args], i) => samples[i].push(timeProcess(args)));
    }
    const stats = samples.map(summarize);
    const s = (v) => `${fmt(v, 2)} s`;
    log(
      table([
        ["command", "median (min–max)", "target", ""],
        ...cases.map(([name], i) => [name, fmtSpread(stats[i], s), i === 2 || i === 3 ? `< ${TARGET_SECONDS} s` : "", i === 2 || i === 3 ? verdict(stats[i].median < TARGET_SECONDS) : ""]),
      ]),
    );
    const generation = stats[2].median - stats[1].median;
    log(
      `\ntype generation itself (codegen − CLI start): ≈ ${fmt(generation, 2)} s; CLI start over bare node: ≈ ${fmt(stats[1].median - stats[0].median, 2)} s; ` +
        `the CLI's share of codegen (CLI codegen − module alone): ≈ ${fmt(stats[2].median - stats[4].median, 2)} s`,
    );
    return {
      name: "codegen",
      command,
      summary: [
        ["codegen --out, s", fmtSpread(stats[2], (v) => fmt(v, 2)), `< ${TARGET_SECONDS} s`, verdict(stats[2].median < TARGET_SECONDS)],
        ["codegen --check, s", fmtSpread(stats[3], (v) => fmt(v, 2)), `< ${TARGET_SECONDS} s`, verdict(stats[3].median < TARGET_SECONDS)],
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf("--runs");
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 5;
  if (!Number.isInteger(runs) || runs <= 0) throw new Error("--runs needs a positive integer");
  await run({ runs });
}
