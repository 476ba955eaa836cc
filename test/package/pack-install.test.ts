/**
 * Both packages as other repos get them today: packed (`npm pack` of both, with the toolkit's
 * prepack: build, then npm-shrinkwrap.json) in a copy of the repo, so the dist/ other tests run
 * is never rewritten, and installed by path, as a user installs the tarballs before a registry
 * release (`npm install ./freedompay-gift-cards-….tgz`), with npm's own registry for everything
 * else, into fresh projects: a production app with the client alone, and a repo's tooling with
 * the toolkit. npm ignores a shrinkwrap inside a local tarball (pacote's manifest of a file has
 * no `_hasShrinkwrap`, which only a registry's metadata sets), so the test compares what npm
 * installed, name@version, with the shrinkwrap: a release whose ranges now resolve to an
 * untested version fails here. In the tooling project every snippet of docs/consumer-ci.md
 * type-checks with the recipe's own tsconfig.json, its tests run, the contract they write goes
 * through `check`, `coverage` and `verify` against the simulator, and docs/mock.md's curl
 * walk-through runs as written: the docs cannot rot.
 */
import { execFile, execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { portFreed, REPO_ROOT, startServerCommand } from "../helpers/cli.js";
import { npmEnv } from "../helpers/npm-env.js";

const CLIENT = "freedompay-gift-cards-client";
const TOOLKIT = "freedompay-gift-cards";
const MiB = 1024 * 1024;
const fixtures = join(REPO_ROOT, "test", "package", "fixtures");
const work = mkdtempSync(join(tmpdir(), "fp-package-"));
const app = join(work, "app");
const tooling = join(work, "tooling");
const mswConsumer = join(work, "msw-consumer");
const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; dev?: boolean }>;
};
const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

const exec = promisify(execFile);
const npm = (cwd: string, args: string[]) => exec("npm", args, { cwd, env: npmEnv(), maxBuffer: 64 * MiB });
const run = (cwd: string, command: string, args: string[]) =>
  execFileSync(command, args, { cwd, encoding: "utf8", env: npmEnv(), stdio: ["ignore", "pipe", "pipe"] });

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}
let packed: Packed[] = [];
const tarball = (name: string) => join(work, "tarballs", packed.find((p) => p.name === name)!.filename);
const shrinkwrapOf = () =>
  JSON.parse(run(work, "tar", ["-xzOf", tarball(TOOLKIT), "package/npm-shrinkwrap.json"])) as {
    packages: Record<string, { name?: string; version?: string; dev?: boolean; optional?: boolean; link?: boolean }>;
  };

/**
 * A copy of the repo to release from: the files a clone has, and a node_modules whose entries
 * link to the installed ones, the workspace link to the copy's own client folder.
 */
function releaseCopy(): string {
  const copy = join(work, "release");
  // What a release is built from (tests and contracts are not: no need to read what others write).
  // dist/ comes along: the build project built it in group 0, as prepack's `npm run build` would.
  const skipped = new Set(
    ["node_modules", ".git", "coverage", "test", "contracts", "test-results"].map((name) => join(REPO_ROOT, name)),
  );
  cpSync(REPO_ROOT, copy, { recursive: true, filter: (source) => !skipped.has(source) });
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
    .flatMap((entry) =>
      entry.startsWith("@")
        ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name))
        : [join(modules, entry)],
    )
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
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module", ...manifest }, null, 2),
  );
}

/** npm flags for a consumer's install: the user's registry (npm's), quiet. */
const INSTALL = ["install", "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error"];

beforeAll(async () => {
  for (const built of ["dist/src/index.js", "packages/client/dist/src/client/index.js"]) {
    if (!existsSync(join(REPO_ROOT, built)))
      throw new Error(`${built} is missing: the package test packs the build (npm run build, or the whole npm test)`);
  }
  const copy = releaseCopy();
  mkdirSync(join(work, "tarballs"));
  // The release's prepack and postpack less the build (already done; three tsc runs saved):
  // the shrinkwrap written, both packed, the shrinkwrap removed.
  const prepack = (JSON.parse(readFileSync(join(copy, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
  expect([prepack.prepack, prepack.postpack]).toEqual([
    "npm run build --silent && node scripts/shrinkwrap.mjs write",
    "node scripts/shrinkwrap.mjs remove",
  ]);
  run(copy, process.execPath, ["scripts/shrinkwrap.mjs", "write"]);
  const { stdout } = await npm(copy, [
    "pack",
    "--ignore-scripts",
    "--json",
    "--workspaces",
    "--include-workspace-root",
    "--pack-destination",
    join(work, "tarballs"),
    "--loglevel=error",
  ]);
  run(copy, process.execPath, ["scripts/shrinkwrap.mjs", "remove"]);
  packed = JSON.parse(stdout) as Packed[];
  // The tarballs by path, as docs/consumer-ci.md installs them; the test tools at the versions this repo tested.
  const locked = (name: string) => lock.packages[`node_modules/${name}`]!.version!;
  project(app, { dependencies: { [CLIENT]: `file:${tarball(CLIENT)}` } });
  project(tooling, {
    dependencies: { [CLIENT]: `file:${tarball(CLIENT)}` },
    devDependencies: {
      [TOOLKIT]: `file:${tarball(TOOLKIT)}`,
      typescript: locked("typescript"),
      vitest: locked("vitest"),
      "@types/node": locked("@types/node"),
    },
  });
  const started = performance.now();
  await Promise.all([npm(app, [...INSTALL, "--omit=dev"]), npm(tooling, INSTALL)]);
  console.info(
    `both projects installed from the tarballs in ${((performance.now() - started) / 1000).toFixed(1)} s (Node ${process.versions.node})`,
  );
  cpSync(join(fixtures, "plain-node.mjs"), join(app, "plain-node.mjs"));
  cpSync(join(fixtures, "consumer.ts"), join(tooling, "src", "consumer.ts"));
  cpSync(join(fixtures, "tsconfig.json"), join(tooling, "tsconfig.strict.json"));
  // docs/consumer-ci.md's tsconfig.json and every ts snippet, where its first line says it goes.
  writeFileSync(join(tooling, "tsconfig.json"), docTsconfig());
  for (const { path, code } of docBlocks()) {
    mkdirSync(join(tooling, dirname(path)), { recursive: true });
    writeFileSync(join(tooling, path), code);
  }
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true }); // about 300 MB of installs
});

describe("the release", () => {
  test("packs both packages at one version; the toolkit depends on the client at exactly that version", () => {
    expect(packed.map((p) => p.name).sort()).toEqual([TOOLKIT, CLIENT]);
    const manifest = JSON.parse(run(work, "tar", ["-xzOf", tarball(TOOLKIT), "package/package.json"])) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies[CLIENT]).toBe(version);
    expect(JSON.parse(run(work, "tar", ["-xzOf", tarball(CLIENT), "package/package.json"]))).toMatchObject({
      name: CLIENT,
      version,
    });
  });

  test("the toolkit ships a shrinkwrap of package-lock.json's production tree, the client as a plain versioned package", () => {
    const shrinkwrap = shrinkwrapOf().packages;
    const entries = Object.entries(shrinkwrap).filter(([key]) => key !== "");
    expect(shrinkwrap[`node_modules/${CLIENT}`]).toMatchObject({ version });
    expect(entries.filter(([key, entry]) => entry.link || entry.dev || !key.startsWith("node_modules/"))).toEqual([]);
    // Every other entry is the very package the lock pins at that place, and nothing dev-only is there.
    for (const [key, entry] of entries)
      if (!key.startsWith(`node_modules/${CLIENT}`))
        expect([key, entry.version]).toEqual([key, lock.packages[key]?.version]);
    const devOnly = Object.keys(lock.packages).filter((key) => lock.packages[key]!.dev);
    expect(devOnly).toContain("node_modules/vitest");
    expect(devOnly.filter((key) => key in shrinkwrap)).toEqual([]);
    // postpack removed it again: at the root it would override package-lock.json for `npm ci`.
    expect(existsSync(join(work, "release", "npm-shrinkwrap.json"))).toBe(false);
  });

  test("the packages ship compiled code, the spec and the generated files, not the sources or tests", () => {
    const files = (name: string) =>
      packed
        .find((p) => p.name === name)!
        .files.map((file) => file.path)
        .sort();
    expect(files(CLIENT)).toEqual(
      expect.arrayContaining([
        "package.json",
        "dist/src/client/index.js",
        "dist/src/client/index.d.ts",
        "dist/generated/gift-cards.runtime.js",
      ]),
    );
    expect(
      files(CLIENT).filter((file) => !file.startsWith("dist/") && file !== "package.json" && file !== "README.md"),
    ).toEqual([]);
    expect(files(TOOLKIT)).toEqual(
      expect.arrayContaining([
        "npm-shrinkwrap.json",
        "openapi/gift-cards.yaml",
        "generated/gift-cards.d.ts",
        "dist/src/index.js",
        "bin/fp-giftcards.js",
        "dist/src/http/dashboard/index.html",
        "dist/src/http/dashboard/dashboard.js",
        "dist/src/http/dashboard/dashboard.css",
      ]),
    );
    for (const name of [CLIENT, TOOLKIT]) {
      expect(
        files(name).filter((file) => /^(src|test)\//.test(file) || (file.endsWith(".ts") && !file.endsWith(".d.ts"))),
      ).toEqual([]);
    }
  });
});

describe("a production app installs the client alone", () => {
  test("at most 6 packages and 2 MiB, none of the toolkit's", () => {
    const packages = installedPackages(join(app, "node_modules"));
    const names = packages
      .map((dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string })
      .map((p) => `${p.name}@${p.version}`);
    const size = footprint(join(app, "node_modules"));
    console.info(
      `client production install: ${packages.length} packages (${names.join(", ")}), ${(size.disk / 1024).toFixed(0)} KiB on disk, ${(size.bytes / 1024).toFixed(0)} KiB of files`,
    );
    expect(packages.length).toBeLessThanOrEqual(6);
    expect(size.disk).toBeLessThanOrEqual(2 * MiB);
    expect(
      names.filter((name) => /^(yaml|ajv|typescript|@pact-foundation\/pact|freedompay-gift-cards)@/.test(name)),
    ).toEqual([]);
  });

  test("the client runs on plain Node, with no TypeScript tooling", () => {
    expect(JSON.parse(run(app, process.execPath, ["plain-node.mjs"]))).toEqual({
      ok: false,
      kind: "business",
      name: "CardNotFound",
      jwsTail: "VHodLBDVEyh5Xm2-3MjQ",
    });
  });
});

/** The directory Node loads `name` from, required from `dir` inside `root`'s node_modules tree. */
function resolveFrom(dir: string, name: string, root: string): string | undefined {
  for (let at = dir; at.startsWith(root); at = dirname(at)) {
    const candidate = join(at, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
  }
  return undefined;
}

/**
 * Every package the toolkit loads, as installed: from it, each dependency (optional and peer
 * ones too, when present) resolved the way Node resolves it, as `name@version`.
 */
function installedClosure(root: string, start: string): Set<string> {
  const seen = new Set<string>();
  const found = new Set<string>();
  const queue = [start];
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<
      string,
      Record<string, string> | string
    >;
    found.add(`${String(manifest.name)}@${String(manifest.version)}`);
    const names = ["dependencies", "optionalDependencies", "peerDependencies"].flatMap((field) =>
      Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}),
    );
    for (const name of names) {
      const at = resolveFrom(dir, name, root);
      if (at) queue.push(at);
    }
  }
  return found;
}

describe("a repo's tooling installs the toolkit as a devDependency", () => {
  test("what npm installed for the toolkit is the tested tree: every package it loads at a version the shrinkwrap holds, none of it missing", () => {
    const shrinkwrap = Object.entries(shrinkwrapOf().packages).filter(([key]) => key !== "");
    const nameOf = (key: string, entry: { name?: string }) =>
      entry.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const tested = new Set(shrinkwrap.map(([key, entry]) => `${nameOf(key, entry)}@${entry.version}`));
    const installed = installedClosure(tooling, join(tooling, "node_modules", TOOLKIT));
    installed.delete(`${TOOLKIT}@${version}`);
    const installedNames = new Set([...installed].map((id) => id.slice(0, id.lastIndexOf("@"))));
    // Optional ones (other platforms' native builds) may be skipped; a name may dedupe onto another tested version.
    const missing = shrinkwrap.filter(([key, entry]) => !entry.optional && !installedNames.has(nameOf(key, entry)));
    console.info(
      `toolkit from its tarball on Node ${process.versions.node}: ${installed.size} packages loaded, ${tested.size} in the shrinkwrap`,
    );
    expect([...installed].filter((id) => !tested.has(id)).sort()).toEqual([]);
    expect(missing.map(([key, entry]) => `${nameOf(key, entry)}@${entry.version}`)).toEqual([]);
    const size = footprint(join(tooling, "node_modules"));
    console.info(
      `tooling project (toolkit, client, typescript, vitest, @types/node): ${(size.disk / MiB).toFixed(1)} MiB on disk, ${(size.bytes / MiB).toFixed(1)} MiB of files`,
    );
  });
});

/** A command in a consumer project, without blocking the event loop (concurrent tests share it). */
async function runAsync(
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = npmEnv(),
): Promise<string> {
  return (await exec(command, args, { cwd, env, maxBuffer: 64 * MiB })).stdout;
}

/** tsc in the tooling project; resolves with its report (empty when everything type-checks). */
async function tsc(project: string): Promise<string> {
  try {
    return await runAsync(tooling, process.execPath, [
      join(tooling, "node_modules", "typescript", "bin", "tsc"),
      "-p",
      project,
    ]);
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

const CONSUMER_CI = readFileSync(join(REPO_ROOT, "docs", "consumer-ci.md"), "utf8");

/** Every ```ts block of docs/consumer-ci.md, each with the path its first line names (`// test/x.test.ts`). */
function docBlocks(): { path: string; code: string }[] {
  return [...CONSUMER_CI.matchAll(/```ts\n([\s\S]*?)```/g)].map(([, code]) => {
    const path = /^\/\/ ([\w./-]+\.ts)[\s(]/.exec(code!)?.[1];
    if (!path)
      throw new Error(
        `docs/consumer-ci.md: every \`\`\`ts block opens with a \`// path.ts\` comment; this one does not: ${code!.split("\n")[0]}`,
      );
    return { path, code: code! };
  });
}

/** The recipe's tsconfig.json: the one ```json block of docs/consumer-ci.md. */
function docTsconfig(): string {
  const blocks = [...CONSUMER_CI.matchAll(/```json\n([\s\S]*?)```/g)].map(([, text]) => text!);
  if (blocks.length !== 1)
    throw new Error(`docs/consumer-ci.md should show one tsconfig.json (a \`\`\`json block), not ${blocks.length}`);
  return blocks[0]!;
}

/** The consumer's Pact test of docs/consumer-ci.md. */
function docTest(): { path: string; code: string } {
  const found = docBlocks().find(({ path }) => path.endsWith(".pact.test.ts"));
  if (!found)
    throw new Error("docs/consumer-ci.md must show a Pact test (a ```ts block opening with `// test/….pact.test.ts`)");
  return found;
}

/** A free port on 127.0.0.1, for a command that takes a port and prints nothing else (not 4010). */
async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("docs/consumer-ci.md's consumer test is short: at most 15 lines per interaction, with no pattern written by hand", () => {
  const { code } = docTest();
  const interactions = code.match(/\.given\(/g)?.length ?? 0;
  const operations = new Set(
    code.match(/\.(listProducts|issueCard|activateCard|resendCard|resendCode|getCardStatus)\(/g),
  ).size;
  const lines = code.split("\n").filter((line) => line.trim() !== "").length;
  console.info(
    `docs/consumer-ci.md's test: ${interactions} interactions over ${operations} operations, ${lines} lines (${(lines / interactions).toFixed(1)} per interaction)`,
  );
  expect(interactions).toBeGreaterThanOrEqual(3);
  expect(operations).toBeGreaterThanOrEqual(3);
  expect(lines / interactions).toBeLessThanOrEqual(15);
  expect(code).not.toMatch(/regex\(|RegExp|\\d|\[0-9]|\[A-Z]/);
});

// Independent of each other, so side by side: each waits on child processes (tsc, npx, vitest), on
// two cores shared with the rest of `npm test`: a ceiling for a hang, not a measure.
const HANG_CEILING = 240_000;
describe.concurrent("in the tooling project", () => {
  const { code } = docTest();
  const tests = docBlocks()
    .filter(({ path }) => path.endsWith(".test.ts"))
    .map(({ path }) => path);
  const env = { ...npmEnv(), PACT_DO_NOT_TRACK: "true" };
  const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
    exec("npx", ["--no-install", "fp-giftcards", ...args], { cwd: tooling, env: { ...env, ...extra } });

  test(
    "npx fp-giftcards codegen --out writes the repo's types; an app's code using them type-checks strictly, library types included; every snippet of the doc with its tsconfig.json, and a misspelt state, param, field or an undocumented status does not",
    async () => {
      const wrote = await runAsync(tooling, "npx", [
        "--no-install",
        "fp-giftcards",
        "codegen",
        "--out",
        "src/gift-cards.d.ts",
      ]);
      expect(wrote).toMatch(/^wrote src\/gift-cards\.d\.ts \(\d+ bytes\)\n$/);
      expect(readFileSync(join(tooling, "src", "gift-cards.d.ts"), "utf8")).toBe(
        readFileSync(join(REPO_ROOT, "generated", "gift-cards.d.ts"), "utf8"),
      );
      expect(
        await runAsync(tooling, "npx", [
          "--no-install",
          "fp-giftcards",
          "codegen",
          "--out",
          "src/gift-cards.d.ts",
          "--check",
        ]),
      ).toBe("src/gift-cards.d.ts is up to date\n");
      expect(await tsc("tsconfig.strict.json")).toBe("");
      // The doc's Pact test again and again, each copy with one mistake, checked in the same tsc run as
      // every snippet of the doc (one program, Pact's declarations read once): only the copies fail.
      const misspelt = [
        code.replace('.given("an activated card {card_id}"', '.given("an activated crad {card_id}"'),
        code.replace('{ card_id: 555, otp: "1234" }', '{ card_idd: 555, otp: "1234" }'),
        code.replace(
          '.getCardStatus("a status request for an activated card", { card_id: 555 })',
          '.getCardStatus("a status request for an activated card", { cardid: 555 })',
        ),
        // A business status Confirm never answers (-5 is Issue's).
        code.replace('.answers("IncorrectOtp")', '.answers("CardIssueFailed")'),
      ];
      mkdirSync(join(tooling, "typos"), { recursive: true });
      misspelt.forEach((variant, i) => {
        expect(variant).not.toBe(code);
        writeFileSync(join(tooling, "typos", `misspelt-${i}.ts`), variant);
      });
      // The doc's tsconfig.json as written, its include widened to the copies.
      const { include } = JSON.parse(docTsconfig()) as { include: string[] };
      writeFileSync(
        join(tooling, "tsconfig.typos.json"),
        JSON.stringify({ extends: "./tsconfig.json", include: [...include, "typos"] }),
      );
      expect(docBlocks().length).toBeGreaterThanOrEqual(5);
      const errors = (await tsc("tsconfig.typos.json")).split("\n").filter((line) => /error TS\d+/.test(line));
      expect(errors.filter((line) => !line.startsWith("typos/"))).toEqual([]);
      for (const i of misspelt.keys())
        expect(errors.some((line) => line.startsWith(`typos/misspelt-${i}.ts(`))).toBe(true);
    },
    HANG_CEILING,
  );

  test(
    "the doc's tests pass (the simulator from its global setup), and the contract passes check, coverage and verify against the stateful simulator",
    async () => {
      expect(tests.length).toBeGreaterThanOrEqual(2);
      await exec("npx", ["--no-install", "vitest", "run", ...tests], { cwd: tooling, env });
      const pact = JSON.parse(readFileSync(join(tooling, "pacts", "my-app-freedompay-gift-cards.json"), "utf8")) as {
        interactions: unknown[];
      };
      expect((await cli(["check", "--pact-dir", "pacts"])).stdout.trimEnd().split("\n").at(-1)).toBe(
        `${pact.interactions.length} interactions in 1 pact file agree with the spec`,
      );
      const coverage = JSON.parse((await cli(["coverage", "--pact-dir", "pacts", "--json"])).stdout) as {
        exercised: number;
      };
      expect(coverage.exercised).toBe(pact.interactions.length);
      const simulator = await startServerCommand(
        "npx",
        ["--no-install", "fp-giftcards", "mock", "--mode", "stateful", "--port", "0"],
        { cwd: tooling, env: npmEnv() },
      );
      try {
        const verified = await cli(["verify", "--provider-base-url", simulator.url, "--pact-dir", "pacts"], {
          FREEDOMPAY_AUTH_ID: "123456",
          FREEDOMPAY_SECRET: "secret",
        });
        expect(verified.stdout.trimEnd().split("\n").at(-1)).toMatch(
          new RegExp(`^${pact.interactions.length} interactions verified against ${simulator.url}`),
        );
        // The installed package finds the dashboard's files beside its compiled code.
        for (const file of ["", "/dashboard.js", "/dashboard.css"])
          expect((await fetch(`${simulator.url}/__dashboard${file}`)).status).toBe(200);
        // As the doc's workflow stops it: `kill $!` of the npx; the server goes with it (checked every 0.5 s; 10 s is a ceiling).
        process.kill(simulator.pid, "SIGTERM");
        expect(await portFreed(simulator.port, 10_000)).toBe(true);
      } finally {
        simulator.killGroup();
      }
    },
    HANG_CEILING,
  );

  test(
    "docs/mock.md's curl walk-through runs as written: issue, the OTP, confirm, status; and leaves no mock behind",
    async () => {
      const doc = readFileSync(join(REPO_ROOT, "docs", "mock.md"), "utf8");
      const script = /### Walk-through in curl[^\n]*\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1];
      expect(script).toBeDefined();
      const port = await freePort();
      const walk = join(tooling, "walk-through");
      mkdirSync(walk, { recursive: true });
      const out = await runAsync(walk, "bash", ["-c", script!], { ...npmEnv(), PORT: String(port) });
      const answers = out
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const card = { status: 0, card_status: 2, card_currency: "USD", card_balance: 50, card_mask: "4405********0001" };
      expect(answers).toMatchObject([{ status: 0, card_id: 100001 }, card, card]);
      // Its own comments say what each call answers.
      const comments = [...script!.matchAll(/^# (\{.*\})$/gm)].map(
        ([, json]) => JSON.parse(json!.replace("…", "x")) as Record<string, unknown>,
      );
      expect(comments.map(({ datetime: _, ...rest }) => rest)).toEqual(answers.map(({ datetime: _, ...rest }) => rest));
      expect(await portFreed(port, 10_000)).toBe(true);
    },
    HANG_CEILING,
  );

  // The MSW consumer: docs/msw.md as written, with the msw this Node runs (3 needs Node 22.12+).
  test(
    "freedompay-gift-cards/msw: without msw the other entries import and /msw refuses in one line; with the user's msw, docs/msw.md's example type-checks and passes",
    async () => {
      const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
      const mswMajor = major > 22 || (major === 22 && minor >= 12) ? 3 : 2;
      const mswVersion = lock.packages[`node_modules/${mswMajor === 3 ? "msw3" : "msw"}`]!.version!;
      // A copy of the tooling project as installed (no msw: it is an optional peer); vitest's cache left behind.
      mkdirSync(mswConsumer);
      await runAsync(tooling, "cp", ["-a", "package.json", "package-lock.json", mswConsumer]);
      await runAsync(tooling, "tar", [
        "-cf",
        join(work, "modules.tar"),
        "--exclude=node_modules/.vite",
        "node_modules",
      ]);
      await runAsync(mswConsumer, "tar", ["-xf", join(work, "modules.tar")]);
      const report = await runAsync(mswConsumer, process.execPath, [
        "--input-type=module",
        "-e",
        `
      for (const entry of ["freedompay-gift-cards", "freedompay-gift-cards/mock", "freedompay-gift-cards/pact", "freedompay-gift-cards-client"]) {
        console.log(entry + ": " + Object.keys(await import(entry)).length + " exports");
      }
      await import("freedompay-gift-cards/msw").then(() => console.log("msw entry loaded"), (error) => console.log("/msw: " + error.message));
    `,
      ]);
      console.info(`consumer without msw:\n${report}`);
      expect(report).toMatch(
        /^freedompay-gift-cards: \d+ exports\nfreedompay-gift-cards\/mock: \d+ exports\nfreedompay-gift-cards\/pact: \d+ exports\n/,
      );
      expect(report.trimEnd().split("\n").at(-1)).toBe(
        "/msw: freedompay-gift-cards/msw needs the msw package, which is not installed: npm install --save-dev msw (msw 2.10+ on Node 20, msw 3 on Node 22.12+)",
      );

      await npm(mswConsumer, [...INSTALL, "--save-dev", "--save-exact", `msw@${mswVersion}`]);
      const installed = (dir: string) =>
        existsSync(join(dir, "package.json"))
          ? (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version
          : undefined;
      expect(installed(join(mswConsumer, "node_modules", "msw"))).toBe(mswVersion);
      // Never a second msw under the toolkit: its handlers must be the user's msw's.
      expect(installed(join(mswConsumer, "node_modules", TOOLKIT, "node_modules", "msw"))).toBeUndefined();
      const files = mswDocFiles().filter(
        (file) => !file.label.startsWith("msw ") || file.label.startsWith(`msw ${mswMajor} `),
      );
      expect(files.map((file) => file.path).sort()).toEqual(["test/gift-cards.msw.test.ts", "test/msw-server.ts"]);
      for (const { path, code } of files) {
        mkdirSync(join(mswConsumer, dirname(path)), { recursive: true });
        writeFileSync(join(mswConsumer, path), code);
      }
      // The recipe's tsconfig.json (docs/consumer-ci.md), for the MSW files.
      writeFileSync(
        join(mswConsumer, "tsconfig.msw.json"),
        JSON.stringify({ extends: "./tsconfig.json", include: ["test/msw-server.ts", "test/gift-cards.msw.test.ts"] }),
      );
      writeFileSync(join(mswConsumer, "tsconfig.json"), docTsconfig());
      const typeCheck = await runAsync(mswConsumer, process.execPath, [
        join(mswConsumer, "node_modules", "typescript", "bin", "tsc"),
        "-p",
        "tsconfig.msw.json",
      ]).catch((error: { stdout?: string }) => String(error.stdout));
      expect(typeCheck).toBe("");
      const ran = (
        await runAsync(mswConsumer, process.execPath, [
          join(mswConsumer, "node_modules", "vitest", "vitest.mjs"),
          "run",
          "test/gift-cards.msw.test.ts",
        ])
      ).replace(/\x1b\[[0-9;]*m/g, "");
      console.info(
        `consumer with msw@${mswVersion} on Node ${process.versions.node}: ${/Tests\s+(\d+ passed[^\n]*)/.exec(ran)?.[1]}`,
      );
      expect(ran).toMatch(/Tests\s+3 passed \(3\)/);
    },
    HANG_CEILING,
  );
});

/** docs/msw.md's ```ts blocks that open with a `// test/….ts` path comment: path, label (e.g. "msw 3 (Node 22.12 and later)"), code. */
function mswDocFiles(): { path: string; label: string; code: string }[] {
  const doc = readFileSync(join(REPO_ROOT, "docs", "msw.md"), "utf8");
  return [...doc.matchAll(/```ts\n(\/\/ (test\/[\w./-]+\.ts)(?: — (.*))?\n[\s\S]*?)```/g)].map((m) => ({
    code: m[1]!,
    path: m[2]!,
    label: m[3] ?? "",
  }));
}
