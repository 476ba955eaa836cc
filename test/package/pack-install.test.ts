/**
 * The package as another repo gets it: packed, installed from the tarball into a fresh project
 * (offline, from the npm cache `npm ci` filled), its command and client used there. It packs
 * the dist/ that `npm run build` made (the test pipeline builds first) without running the
 * build again, so stages running beside it never see dist/ rewritten.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures", import.meta.url));
const project = mkdtempSync(join(tmpdir(), "fp-consumer-"));
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", project], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(project, packed[0].filename)]);
  mkdirSync(join(project, "src"));
  cpSync(join(fixtures, "consumer.ts"), join(project, "src", "consumer.ts"));
  cpSync(join(fixtures, "tsconfig.json"), join(project, "tsconfig.json"));
  cpSync(join(fixtures, "plain-node.mjs"), join(project, "plain-node.mjs"));
}, 120_000);

test("npx fp-giftcards codegen --out writes the same types as the repo's, from the shipped spec", () => {
  expect(run("npx", ["--no-install", "fp-giftcards", "codegen", "--out", "src/gift-cards.d.ts"])).toMatch(/^wrote src\/gift-cards\.d\.ts \(\d+ bytes\)\n$/);
  expect(readFileSync(join(project, "src", "gift-cards.d.ts"), "utf8")).toBe(readFileSync(join(root, "generated", "gift-cards.d.ts"), "utf8"));
  expect(run("npx", ["--no-install", "fp-giftcards", "codegen", "--out", "src/gift-cards.d.ts", "--check"])).toBe("src/gift-cards.d.ts is up to date\n");
});

test("a consumer file using the client and the generated types type-checks, library types included", () => {
  // Throws (failing the test) with tsc's report if anything does not type-check.
  expect(run(process.execPath, [join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "."])).toBe("");
});

test("the client runs on plain Node with no TypeScript tooling", () => {
  expect(JSON.parse(run(process.execPath, ["plain-node.mjs"]))).toEqual({ ok: false, kind: "business", name: "CardNotFound", jwsTail: "VHodLBDVEyh5Xm2-3MjQ" });
});

test("the package ships the spec, the generated types and compiled code, not the sources or tests", () => {
  const installed = join(project, "node_modules", "freedompay-gift-cards");
  const files = execFileSync("find", [".", "-type", "f"], { cwd: installed, encoding: "utf8" }).split("\n").filter(Boolean).sort();
  expect(files).toContain("./openapi/gift-cards.yaml");
  expect(files).toContain("./generated/gift-cards.d.ts");
  expect(files).toContain("./dist/src/index.js");
  expect(files).toContain("./dist/src/index.d.ts");
  expect(files.filter((file) => file.startsWith("./src/") || file.startsWith("./test/") || file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
});
