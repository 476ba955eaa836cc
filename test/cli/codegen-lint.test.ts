import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { toCodegenOptions } from "../../src/cli/commands/codegen.js";
import { toLintOptions } from "../../src/cli/commands/lint.js";
import { MAX_SPEC_BYTES } from "../../src/openapi/load.js";
import { runCli, runMain } from "../helpers/cli.js";

/** A valid-looking OpenAPI document whose 9 levels of 9 aliases expand to 387 million strings. */
const ALIAS_BOMB = [
  "openapi: 3.1.0",
  'info: {title: bomb, version: "1"}',
  "paths: {}",
  "components:",
  "  schemas:",
  "    Bomb:",
  "      type: object",
  "      x-bomb:",
  '        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefghi"
    .split("")
    .map((level, i) => `        ${level}: &${level} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`),
  "",
].join("\n");

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "fp-cli-")), name);
  writeFileSync(path, text);
  return path;
}

describe("codegen flags", () => {
  test.each([
    ["no flags", {}, { check: false }],
    ["--out", { out: "src/t.d.ts" }, { out: "src/t.d.ts", check: false }],
    ["--out --runtime", { out: "src/t.d.ts", runtime: true }, { out: "src/t.d.ts", runtime: true, check: false }],
    ["--spec --check", { spec: "a.yaml", check: true }, { spec: "a.yaml", check: true }],
  ])("%s", (_name, flags, want) => {
    expect(toCodegenOptions(flags)).toEqual(want);
  });

  test("lint takes --spec", () => {
    expect(toLintOptions({ spec: "a.yaml" })).toEqual({ spec: "a.yaml" });
    expect(toLintOptions({})).toEqual({});
  });
});

describe.concurrent("fp-giftcards (the built CLI)", () => {
  test("codegen --check passes on the committed types", async () => {
    expect(await runCli(["codegen", "--check"])).toMatchObject({
      code: 0,
      stdout:
        "generated/gift-cards.d.ts is up to date\ngenerated/gift-cards.runtime.js is up to date\ngenerated/gift-cards.runtime.d.ts is up to date\n",
    });
  });

  test("codegen --check on a stale file fails in one line", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "fp-cli-")), "t.d.ts");
    writeFileSync(out, "// stale\n");
    expect(await runCli(["codegen", "--out", out, "--check"])).toEqual({
      code: 1,
      stdout: "",
      stderr: `fp-giftcards codegen: ${out} differs from what the spec generates; run \`fp-giftcards codegen --out ${out}\` and commit it\n`,
    });
  });

  test("codegen without --out outside the toolkit's own repo writes nothing and says to name the file, exit 2", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "fp-cli-"));
    for (const args of [["codegen"], ["codegen", "--check"]]) {
      expect(await runCli(args, { cwd: elsewhere })).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "fp-giftcards codegen: say where the types go with --out (e.g. --out src/gift-cards.d.ts); without it codegen rewrites the toolkit's own generated/, in its own repo only\n",
      });
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test("codegen writes where --out says", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "fp-cli-")), "t.d.ts");
    const run = await runCli(["codegen", "--out", out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("export interface paths");
  });

  test.each([
    // Every command that takes --spec says an unreadable one the same way: a usage error.
    [["codegen", "--spec", "missing.yaml"], 2, "fp-giftcards codegen: cannot read spec missing.yaml: no such file\n"],
    [["check", "--spec", "missing.yaml"], 2, "fp-giftcards check: cannot read spec missing.yaml: no such file\n"],
    [
      ["provenance", "--spec", "missing.yaml"],
      2,
      "fp-giftcards provenance: cannot read spec missing.yaml: no such file\n",
    ],
    [["codegen", "--outfile", "x"], 2, "fp-giftcards codegen: unknown option '--outfile'\n"],
    [["codegen", "--chek"], 2, "fp-giftcards codegen: unknown option '--chek' (Did you mean --check?)\n"],
    [["frobnicate"], 2, "fp-giftcards frobnicate: unknown command 'frobnicate'\n"],
    [["lint", "--spec", "missing.yaml"], 2, "fp-giftcards lint: cannot read spec missing.yaml: no such file\n"],
  ])("%j fails with a one-line reason", async (args, code, stderr) => {
    expect(await runCli(args)).toMatchObject({ code, stderr });
  });

  test("codegen refuses an alias bomb in one line, at once", async () => {
    const bomb = tempFile("bomb.yaml", ALIAS_BOMB);
    expect(await runCli(["codegen", "--spec", bomb, "--out", join(tmpdir(), "never-written.d.ts")])).toEqual({
      code: 2,
      stdout: "",
      stderr: `fp-giftcards codegen: cannot read spec ${bomb}: Excessive alias count indicates a resource exhaustion attack\n`,
    });
  });

  test("codegen refuses a spec over 4 MiB unread, in one line", async () => {
    const text = `openapi: 3.1.0\nx-pad: "${"p".repeat(MAX_SPEC_BYTES)}"\n`;
    const huge = tempFile("huge.yaml", text);
    const run = await runCli(["codegen", "--spec", huge, "--check"]);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: `fp-giftcards codegen: cannot read spec ${huge}: it is ${text.length} bytes; a spec over ${MAX_SPEC_BYTES} bytes is refused\n`,
    });
  });

  test("check refuses the alias bomb the same way", async () => {
    const bomb = tempFile("bomb.yaml", ALIAS_BOMB);
    expect(await runCli(["check", "--spec", bomb])).toMatchObject({
      code: 2,
      stderr: `fp-giftcards check: cannot read spec ${bomb}: Excessive alias count indicates a resource exhaustion attack\n`,
    });
  });

  test("--help lists the commands", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("codegen [options]");
    expect(run.stdout).toContain("lint [options]");
  });
});

describe("bad input is named in one line, never an unexpected failure", () => {
  test("--out naming a directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-cli-"));
    expect(await runMain(["codegen", "--out", dir])).toEqual({
      code: 1,
      stdout: "",
      stderr: `fp-giftcards codegen: --out ${dir} is a directory; name the file to write\n`,
    });
  });

  test("--out under a file", async () => {
    const file = tempFile("a-file", "");
    expect(await runMain(["codegen", "--out", join(file, "x.d.ts")])).toEqual({
      code: 1,
      stdout: "",
      stderr: `fp-giftcards codegen: cannot write --out ${join(file, "x.d.ts")}: a part of its path is a file, not a directory\n`,
    });
  });

  test("a pact file that holds null", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-cli-"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.json"), "null");
    expect(await runMain(["check", "--pact-dir", dir])).toEqual({
      code: 1,
      stdout: "",
      stderr: `fp-giftcards check: ${dir}/a.json is not a pact file: a JSON object whose "interactions" is a list of objects\n`,
    });
  });

  test("bare fp-giftcards prints its help on stderr and exits 2, with no other line", async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Usage: fp-giftcards \[options\] \[command\]\n/);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toMatch(/^\s+help \[command\]\s+display help for command$/);
  });
});
