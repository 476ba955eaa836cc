/**
 * Both packages as other repos get them, on this machine as on a fresh one. A release is
 * rehearsed in a copy of the repo (`npm pack` of both packages, with the toolkit's prepack:
 * build, then npm-shrinkwrap.json), so the dist/ other tests run is never rewritten. The
 * tarballs are published to a registry of our own on 127.0.0.1, which knows only them and the
 * versions package-lock.json pins (test/helpers/local-registry.ts), and installed into fresh
 * projects: a production app with the client alone, and a repo's tooling with the toolkit.
 * There, the consumer test of docs/consumer-ci.md runs as written, and the contract it writes
 * goes through `check`, `coverage` and `verify` against the simulator: the doc cannot rot.
 */
import { execFile, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { npmArgs, npmEnv, startLocalRegistry, type LocalRegistry } from "../helpers/local-registry.js";

const CLIENT = "freedompay-gift-cards-client";
const TOOLKIT = "freedompay-gift-cards";
const MiB = 1024 * 1024;
const fixtures = join(REPO_ROOT, "test", "package", "fixtures");
const work = mkdtempSync(join(tmpdir(), "fp-package-"));
const app = join(work, "app");
const tooling = join(work, "tooling");
const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; dev?: boolean }> };
const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

const exec = promisify(execFile);
const npm = (cwd: string, args: string[]) => exec("npm", args, { cwd, env: npmEnv(), maxBuffer: 64 * MiB });
const run = (cwd: string, command: string, args: string[]) => execFileSync(command, args, { cwd, encoding: "utf8", env: npmEnv(), stdio: ["ignore", "pipe", "pipe"] });

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}
let packed: Packed[] = [];
let registry: LocalRegistry | undefined;
const tarball = (name: string) => join(work, "tarballs", packed.find((p) => p.name === name)!.filename);
const shrinkwrapOf = () =>
  JSON.parse(run(work, "tar", ["-xzOf", tarball(TOOLKIT), "package/npm-shrinkwrap.json"])) as {
    packages: Record<string, { version?: string; dev?: boolean; optional?: boolean; link?: boolean }>;
  };

/**
 * A copy of the repo to release from: the files a clone has, and a node_modules whose entries
 * link to the installed ones, the workspace link to the copy's own client folder.
 */
function releaseCopy(): string {
  const copy = join(work, "release");
  // What a release is built from (tests and contracts are not: no need to read what others write).
  const skipped = new Set(["node_modules", "dist", ".git", "coverage", "test", "contracts"].map((name) => join(REPO_ROOT, name)));
  cpSync(REPO_ROOT, copy, { recursive: true, filter: (source) => !skipped.has(source) && !source.endsWith("/dist") });
  mkdirSync(join(copy, "node_modules"));
  for (const entry of readdirSync(join(REPO_ROOT, "node_modules"))) {
    const target = entry === CLIENT ? join(copy, "packages", "client") : join(REPO_ROOT, "node_modules", entry);
    symlinkSync(target, join(copy, "node_modules", entry));
  }
  return copy;
}

/** Every package directory under a node_modules tree, nested ones included. */
function installedPackages(modules: string): string[] {
  if (!existsSync(modules)) return [];
  return readdirSync(modules)
    .filter((entry) => !entry.startsWith("."))
    .flatMap((entry) => (entry.startsWith("@") ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name)) : [join(modules, entry)]))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .flatMap((dir) => [dir, ...installedPackages(join(dir, "node_modules"))]);
}

/** Disk usage of a tree in bytes (allocated blocks, like `du`), and the sum of its files' sizes. */
function footprint(dir: string): { disk: number; bytes: number } {
  const stat = lstatSync(dir);
  const here = { disk: stat.blocks * 512, bytes: stat.isFile() ? stat.size : 0 };
  if (!stat.isDirectory()) return here;
  return readdirSync(dir).reduce((sum, entry) => {
    const inner = footprint(join(dir, entry));
    return { disk: sum.disk + inner.disk, bytes: sum.bytes + inner.bytes };
  }, here);
}

function project(dir: string, manifest: object): void {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", ...manifest }, null, 2));
}

beforeAll(async () => {
  const copy = releaseCopy();
  mkdirSync(join(work, "tarballs"));
  const { stdout } = await npm(copy, ["pack", "--json", "--workspaces", "--include-workspace-root", "--pack-destination", join(work, "tarballs"), "--loglevel=error"]);
  packed = JSON.parse(stdout) as Packed[];
  registry = await startLocalRegistry({ lockfile: join(REPO_ROOT, "package-lock.json"), tarballs: [tarball(CLIENT), tarball(TOOLKIT)] });
  // A production app: the client alone. A repo's tooling: the toolkit, TypeScript and vitest for dev.
  const locked = (name: string) => lock.packages[`node_modules/${name}`]!.version!;
  project(app, { dependencies: { [CLIENT]: version } });
  project(tooling, { dependencies: { [CLIENT]: version }, devDependencies: { [TOOLKIT]: version, typescript: locked("typescript"), vitest: locked("vitest"), "@types/node": locked("@types/node") } });
  await Promise.all([npm(app, ["install", "--omit=dev", ...npmArgs(registry)]), npm(tooling, ["install", ...npmArgs(registry)])]);
  cpSync(join(fixtures, "plain-node.mjs"), join(app, "plain-node.mjs"));
  cpSync(join(fixtures, "consumer.ts"), join(tooling, "src", "consumer.ts"));
  cpSync(join(fixtures, "tsconfig.json"), join(tooling, "tsconfig.json"));
  cpSync(join(fixtures, "tsconfig.doc.json"), join(tooling, "tsconfig.doc.json"));
  // docs/consumer-ci.md's consumer test, where its first line says it goes.
  const { path, code } = docTest();
  mkdirSync(join(tooling, dirname(path)), { recursive: true });
  writeFileSync(join(tooling, path), code);
}, 600_000);

afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true }); // about 300 MB of installs
});

describe("the release", () => {
  test("packs both packages at one version; the toolkit depends on the client at exactly that version", () => {
    expect(packed.map((p) => p.name).sort()).toEqual([TOOLKIT, CLIENT]);
    const manifest = JSON.parse(run(work, "tar", ["-xzOf", tarball(TOOLKIT), "package/package.json"])) as { dependencies: Record<string, string> };
    expect(manifest.dependencies[CLIENT]).toBe(version);
    expect(JSON.parse(run(work, "tar", ["-xzOf", tarball(CLIENT), "package/package.json"]))).toMatchObject({ name: CLIENT, version });
  });

  test("the toolkit ships a shrinkwrap of package-lock.json's production tree, the client as a plain versioned package", () => {
    const shrinkwrap = shrinkwrapOf().packages;
    const entries = Object.entries(shrinkwrap).filter(([key]) => key !== "");
    expect(shrinkwrap[`node_modules/${CLIENT}`]).toMatchObject({ version });
    expect(entries.filter(([key, entry]) => entry.link || entry.dev || !key.startsWith("node_modules/"))).toEqual([]);
    // Every other entry is the very package the lock pins at that place, and nothing dev-only is there.
    for (const [key, entry] of entries) if (!key.startsWith(`node_modules/${CLIENT}`)) expect([key, entry.version]).toEqual([key, lock.packages[key]?.version]);
    const devOnly = Object.keys(lock.packages).filter((key) => lock.packages[key]!.dev);
    expect(devOnly).toContain("node_modules/vitest");
    expect(devOnly.filter((key) => key in shrinkwrap)).toEqual([]);
    // postpack removed it again: at the root it would override package-lock.json for `npm ci`.
    expect(existsSync(join(work, "release", "npm-shrinkwrap.json"))).toBe(false);
  });

  test("the packages ship compiled code, the spec and the generated files, not the sources or tests", () => {
    const files = (name: string) => packed.find((p) => p.name === name)!.files.map((file) => file.path).sort();
    expect(files(CLIENT)).toEqual(expect.arrayContaining(["package.json", "dist/src/client/index.js", "dist/src/client/index.d.ts", "dist/generated/gift-cards.runtime.js"]));
    expect(files(CLIENT).filter((file) => !file.startsWith("dist/") && file !== "package.json" && file !== "README.md")).toEqual([]);
    expect(files(TOOLKIT)).toEqual(expect.arrayContaining(["npm-shrinkwrap.json", "openapi/gift-cards.yaml", "generated/gift-cards.d.ts", "dist/src/index.js", "bin/fp-giftcards.js", "dist/src/http/dashboard/index.html", "dist/src/http/dashboard/dashboard.js", "dist/src/http/dashboard/dashboard.css"]));
    for (const name of [CLIENT, TOOLKIT]) {
      expect(files(name).filter((file) => /^(src|test)\//.test(file) || (file.endsWith(".ts") && !file.endsWith(".d.ts")))).toEqual([]);
    }
  });
});

describe("a production app installs the client alone", () => {
  test("at most 6 packages and 2 MiB, none of the toolkit's", () => {
    const packages = installedPackages(join(app, "node_modules"));
    const names = packages.map((dir) => (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string })).map((p) => `${p.name}@${p.version}`);
    const size = footprint(join(app, "node_modules"));
    console.info(`client production install: ${packages.length} packages (${names.join(", ")}), ${(size.disk / 1024).toFixed(0)} KiB on disk, ${(size.bytes / 1024).toFixed(0)} KiB of files`);
    expect(packages.length).toBeLessThanOrEqual(6);
    expect(size.disk).toBeLessThanOrEqual(2 * MiB);
    expect(names.filter((name) => /^(yaml|ajv|typescript|@pact-foundation\/pact|freedompay-gift-cards)@/.test(name))).toEqual([]);
    expect(registry!.missing).toEqual([]);
  });

  test("the client runs on plain Node, with no TypeScript tooling", () => {
    expect(JSON.parse(run(app, process.execPath, ["plain-node.mjs"]))).toEqual({ ok: false, kind: "business", name: "CardNotFound", jwsTail: "VHodLBDVEyh5Xm2-3MjQ" });
  });
});

describe("a repo's tooling installs the toolkit as a devDependency", () => {
  test("the toolkit's tree is the shrinkwrapped one, nested under it: every package at its place and version, nothing else", () => {
    const toolkit = join(tooling, "node_modules", TOOLKIT);
    const shrinkwrap = Object.entries(shrinkwrapOf().packages).filter(([key]) => key !== "");
    const versionAt = (key: string) => {
      const manifest = join(toolkit, key, "package.json");
      return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : "(not installed)";
    };
    // Optional ones (other platforms' native builds) may be skipped; whatever is there is as locked.
    const wrong = shrinkwrap.filter(([key, entry]) => versionAt(key) !== entry.version && !(entry.optional && versionAt(key) === "(not installed)"));
    expect(wrong.map(([key, entry]) => `${key}: ${versionAt(key)}, locked ${entry.version}`)).toEqual([]);
    const nested = installedPackages(join(toolkit, "node_modules"));
    const unlocked = nested.map((dir) => dir.slice(toolkit.length + 1)).filter((key) => !shrinkwrap.some(([locked]) => locked === key));
    expect(unlocked).toEqual([]);
    expect(registry!.missing).toEqual([]);
    const size = footprint(toolkit);
    console.info(`toolkit install (itself and its nested tree): ${nested.length + 1} packages, ${(size.disk / MiB).toFixed(1)} MiB on disk, ${(size.bytes / MiB).toFixed(1)} MiB of files`);
  });

});

/** A command in a consumer project, without blocking the event loop (the registry and concurrent tests share it). */
async function runAsync(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = npmEnv()): Promise<string> {
  return (await exec(command, args, { cwd, env, maxBuffer: 64 * MiB })).stdout;
}

/** tsc in the tooling project; resolves with its report (empty when everything type-checks). */
async function tsc(project: string): Promise<string> {
  try {
    return await runAsync(tooling, process.execPath, [join(tooling, "node_modules", "typescript", "bin", "tsc"), "-p", project]);
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

/** The first ```ts block of docs/consumer-ci.md, and the path its first line names. */
function docTest(): { path: string; code: string } {
  const doc = readFileSync(join(REPO_ROOT, "docs", "consumer-ci.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
  const path = code && /^\/\/ (test\/[\w./-]+\.test\.ts)\n/.exec(code)?.[1];
  if (!code || !path) throw new Error("docs/consumer-ci.md must open its first ```ts block with a `// test/….test.ts` path comment");
  return { path, code };
}

/** `fp-giftcards mock --mode stateful --port 0` in the consumer project; resolves with its URL once it listens. */
function startSimulator(cwd: string): Promise<{ url: string; stop: () => void }> {
  const child = spawn("npx", ["--no-install", "fp-giftcards", "mock", "--mode", "stateful", "--port", "0"], { cwd, env: npmEnv(), detached: true });
  let output = "";
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the simulator exited (${code}) before listening: ${output}`)));
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) resolve({ url, stop: () => process.kill(-child.pid!, "SIGTERM") });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
  });
}

test("docs/consumer-ci.md's consumer test is short: at most 15 lines per interaction, with no pattern written by hand", () => {
  const { code } = docTest();
  const interactions = code.match(/\.given\(/g)?.length ?? 0;
  const operations = new Set(code.match(/\.(listProducts|issueCard|activateCard|resendCard|resendCode|getCardStatus)\(/g)).size;
  const lines = code.split("\n").filter((line) => line.trim() !== "").length;
  console.info(`docs/consumer-ci.md's test: ${interactions} interactions over ${operations} operations, ${lines} lines (${(lines / interactions).toFixed(1)} per interaction)`);
  expect(interactions).toBeGreaterThanOrEqual(3);
  expect(operations).toBeGreaterThanOrEqual(3);
  expect(lines / interactions).toBeLessThanOrEqual(15);
  expect(code).not.toMatch(/regex\(|RegExp|\\d|\[0-9]|\[A-Z]/);
});

// Independent of each other, so side by side: each waits on child processes.
describe.concurrent("in the tooling project", () => {
  const { path, code } = docTest();
  const env = { ...npmEnv(), PACT_DO_NOT_TRACK: "true" };
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => exec("npx", ["--no-install", "fp-giftcards", ...args], { cwd: tooling, env: { ...env, ...extra } });

  test("npx fp-giftcards codegen --out writes the repo's types; an app's code using them, the client and the toolkit's re-export type-checks strictly, library types included", async () => {
    const wrote = await runAsync(tooling, "npx", ["--no-install", "fp-giftcards", "codegen", "--out", "src/gift-cards.d.ts"]);
    expect(wrote).toMatch(/^wrote src\/gift-cards\.d\.ts \(\d+ bytes\)\n$/);
    expect(readFileSync(join(tooling, "src", "gift-cards.d.ts"), "utf8")).toBe(readFileSync(join(REPO_ROOT, "generated", "gift-cards.d.ts"), "utf8"));
    expect(await runAsync(tooling, "npx", ["--no-install", "fp-giftcards", "codegen", "--out", "src/gift-cards.d.ts", "--check"])).toBe("src/gift-cards.d.ts is up to date\n");
    expect(await tsc(".")).toBe("");
  });

  test("the doc's test type-checks; a misspelt state, param or field does not", async () => {
    const typos = join(tooling, "typos");
    mkdirSync(join(typos, "test"), { recursive: true });
    expect(await tsc("tsconfig.doc.json")).toBe("");
    // The same test three times, each with one misspelling, beside the doc's in a project of their own.
    const misspelt = [
      code.replace('.given("an activated card {card_id}"', '.given("an activated crad {card_id}"'),
      code.replace('{ card_id: 555, otp: "1234" }', '{ card_idd: 555, otp: "1234" }'),
      code.replace('.getCardStatus("a status request for an activated card", { card_id: 555 })', '.getCardStatus("a status request for an activated card", { cardid: 555 })'),
    ];
    misspelt.forEach((variant, i) => {
      expect(variant).not.toBe(code);
      writeFileSync(join(typos, "test", `misspelt-${i}.test.ts`), variant);
    });
    writeFileSync(join(typos, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.doc.json", include: ["test"] }));
    const report = await tsc(join("typos", "tsconfig.json"));
    for (const i of misspelt.keys()) expect(report).toMatch(new RegExp(`test/misspelt-${i}\\.test\\.ts\\(\\d+,\\d+\\): error TS\\d+`));
  });

  test("passes, and its contract passes check, coverage and verify against the stateful simulator", async () => {
    await exec("npx", ["--no-install", "vitest", "run", path], { cwd: tooling, env });
    const pact = JSON.parse(readFileSync(join(tooling, "pacts", "my-app-freedompay-gift-cards.json"), "utf8")) as { interactions: unknown[] };
    expect((await cli(["check", "--pact-dir", "pacts"])).stdout.trimEnd().split("\n").at(-1)).toBe(`${pact.interactions.length} interactions in 1 pact file agree with the spec`);
    const coverage = JSON.parse((await cli(["coverage", "--pact-dir", "pacts", "--json"])).stdout) as { exercised: number };
    expect(coverage.exercised).toBe(pact.interactions.length);
    const simulator = await startSimulator(tooling);
    try {
      const verified = await cli(["verify", "--provider-base-url", simulator.url, "--pact-dir", "pacts"], { FREEDOMPAY_AUTH_ID: "123456", FREEDOMPAY_SECRET: "secret" });
      expect(verified.stdout.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^${pact.interactions.length} interactions verified against ${simulator.url}`));
      // The installed package finds the dashboard's files beside its compiled code.
      for (const file of ["", "/dashboard.js", "/dashboard.css"]) expect((await fetch(`${simulator.url}/__dashboard${file}`)).status).toBe(200);
    } finally {
      simulator.stop();
    }
  });
});
