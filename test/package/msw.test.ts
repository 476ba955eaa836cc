/**
 * `freedompay-gift-cards/msw` as a consumer project gets it: both packages packed and installed
 * from the local registry (only what package-lock.json pins), first without msw — the toolkit's
 * other entries import, `/msw` refuses in one line — then with the user's msw: 2 on Node below
 * 22.12, 3 from there (MSW 3's own floor; package-lock.json holds both, 3 through the `msw3`
 * alias). There, docs/msw.md's example runs as written and type-checks, and msw is never nested
 * under the toolkit (its handlers must come from the user's own msw).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { REPO_ROOT } from "../helpers/cli.js";
import { npmArgs, npmEnv, startLocalRegistry, type LocalRegistry } from "../helpers/local-registry.js";
import { CLIENT, packRelease, TOOLKIT } from "../helpers/release.js";

const exec = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "fp-msw-"));
const consumer = join(work, "consumer");
const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string }>;
};
const locked = (key: string) => lock.packages[`node_modules/${key}`]!.version!;
const version = (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** MSW 3 needs Node 22.12 or later. */
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
const mswMajor = major > 22 || (major === 22 && minor >= 12) ? 3 : 2;
const mswVersion = locked(mswMajor === 3 ? "msw3" : "msw");

let registry: LocalRegistry | undefined;
const npm = (args: string[]) =>
  exec("npm", [...args, ...npmArgs(registry!)], { cwd: consumer, env: npmEnv(), maxBuffer: 64 << 20 });
const node = async (script: string) =>
  (await exec(process.execPath, ["--input-type=module", "-e", script], { cwd: consumer, env: npmEnv() })).stdout;
const installedVersion = (dir: string) => {
  const manifest = join(dir, "package.json");
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version : undefined;
};

/** docs/msw.md's ```ts blocks that open with a `// test/….ts` path comment: path, label, code. */
function docFiles(): { path: string; label: string; code: string }[] {
  const doc = readFileSync(join(REPO_ROOT, "docs", "msw.md"), "utf8");
  return [...doc.matchAll(/```ts\n(\/\/ (test\/[\w./-]+\.ts)(?: — (.*))?\n[\s\S]*?)```/g)].map((m) => ({
    code: m[1]!,
    path: m[2]!,
    label: m[3] ?? "",
  }));
}

beforeAll(async () => {
  const tarballs = await packRelease(work);
  registry = await startLocalRegistry({
    lockfile: join(REPO_ROOT, "package-lock.json"),
    tarballs: [tarballs.client, tarballs.toolkit],
  });
  mkdirSync(join(consumer, "test"), { recursive: true });
  const devDependencies = {
    [TOOLKIT]: version,
    vitest: locked("vitest"),
    typescript: locked("typescript"),
    "@types/node": locked("@types/node"),
  };
  const manifest = {
    name: "consumer",
    private: true,
    type: "module",
    dependencies: { [CLIENT]: version },
    devDependencies,
  };
  writeFileSync(join(consumer, "package.json"), JSON.stringify(manifest, null, 2));
  await npm(["install"]);
}, 600_000);

afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

test("without msw, the toolkit's other entries import; /msw refuses in one line naming the package", async () => {
  expect(existsSync(join(consumer, "node_modules", "msw"))).toBe(false);
  expect(existsSync(join(consumer, "node_modules", TOOLKIT, "node_modules", "msw"))).toBe(false);
  const report = await node(`
    for (const entry of ["freedompay-gift-cards", "freedompay-gift-cards/mock", "freedompay-gift-cards/pact", "freedompay-gift-cards-client"]) {
      const exports = Object.keys(await import(entry));
      console.log(entry + ": " + exports.length + " exports");
    }
    await import("freedompay-gift-cards/msw").then(() => console.log("msw entry loaded"), (error) => console.log("/msw: " + error.message));
  `);
  console.info(`consumer without msw:\n${report}`);
  expect(report).toMatch(
    /^freedompay-gift-cards: \d+ exports\nfreedompay-gift-cards\/mock: \d+ exports\nfreedompay-gift-cards\/pact: \d+ exports\n/,
  );
  expect(report.trimEnd().split("\n").at(-1)).toBe(
    "/msw: freedompay-gift-cards/msw needs the msw package, which is not installed: npm install --save-dev msw " +
      "(msw 2.10+ on Node 20, msw 3 on Node 22.12+)",
  );
});

test(`with msw ${mswMajor} on Node ${process.versions.node}: docs/msw.md's example type-checks and passes as written`, async () => {
  await npm(["install", "--save-dev", "--save-exact", `msw@${mswVersion}`]);
  expect(installedVersion(join(consumer, "node_modules", "msw"))).toBe(mswVersion);
  expect(existsSync(join(consumer, "node_modules", TOOLKIT, "node_modules", "msw"))).toBe(false);
  const files = docFiles().filter(
    (file) => !file.label.startsWith("msw ") || file.label.startsWith(`msw ${mswMajor} `),
  );
  expect(files.map((file) => file.path).sort()).toEqual(["test/gift-cards.msw.test.ts", "test/msw-server.ts"]);
  for (const { path, code } of files) {
    mkdirSync(join(consumer, dirname(path)), { recursive: true });
    writeFileSync(join(consumer, path), code);
  }
  const tsconfig = {
    compilerOptions: {
      module: "NodeNext",
      moduleResolution: "NodeNext",
      target: "ES2022",
      strict: true,
      noEmit: true,
      lib: ["ES2022", "DOM"],
      types: ["node"],
      skipLibCheck: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
    },
    include: ["test"],
  };
  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify(tsconfig));
  const typeCheck = await exec(
    process.execPath,
    [join(consumer, "node_modules", "typescript", "bin", "tsc"), "-p", "."],
    { cwd: consumer, env: npmEnv() },
  ).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => String(error.stdout),
  );
  expect(typeCheck).toBe("");
  const run = await exec(
    process.execPath,
    [join(consumer, "node_modules", "vitest", "vitest.mjs"), "run", "test/gift-cards.msw.test.ts"],
    { cwd: consumer, env: npmEnv() },
  );
  console.info(
    `consumer with msw@${mswVersion}: ${/Tests\s+\S*\s*(\d+ passed[^\n]*)/.exec(run.stdout.replace(/\x1b\[[0-9;]*m/g, ""))?.[1]}`,
  );
  expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(/Tests\s+3 passed \(3\)/);
  expect(registry!.missing).toEqual([]);
});
