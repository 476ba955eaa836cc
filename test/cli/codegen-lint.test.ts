import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { toCodegenOptions } from "../../src/cli/commands/codegen.js";
import { toLintOptions } from "../../src/cli/commands/lint.js";
import { runCli } from "../helpers/cli.js";

describe("codegen flags", () => {
  test.each([
    ["no flags", {}, { check: false }],
    ["--out", { out: "src/t.d.ts" }, { out: "src/t.d.ts", check: false }],
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
      stdout: "generated/gift-cards.d.ts is up to date\ngenerated/gift-cards.runtime.js is up to date\ngenerated/gift-cards.runtime.d.ts is up to date\n",
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

  test("codegen writes where --out says", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "fp-cli-")), "t.d.ts");
    const run = await runCli(["codegen", "--out", out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("export interface paths");
  });

  test.each([
    [["codegen", "--spec", "missing.yaml"], 1, "fp-giftcards codegen: cannot read spec missing.yaml: no such file\n"],
    [["codegen", "--outfile", "x"], 2, "fp-giftcards codegen: unknown option '--outfile'\n"],
    [["codegen", "--chek"], 2, "fp-giftcards codegen: unknown option '--chek' (Did you mean --check?)\n"],
    [["frobnicate"], 2, "fp-giftcards frobnicate: unknown command 'frobnicate'\n"],
    [["lint", "--spec", "missing.yaml"], 1, "fp-giftcards lint: cannot read spec missing.yaml: no such file\n"],
  ])("%j fails with a one-line reason", async (args, code, stderr) => {
    expect(await runCli(args)).toMatchObject({ code, stderr });
  });

  test("--help lists the commands", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("codegen [options]");
    expect(run.stdout).toContain("lint [options]");
  });
});
