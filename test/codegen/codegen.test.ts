import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { codegen, generateTypes } from "../../src/codegen/generate.js";
import { PACKAGE_ROOT, SPEC_PATH } from "../../src/openapi/load.js";

const committed = readFileSync(join(PACKAGE_ROOT, "generated", "gift-cards.d.ts"), "utf8");

describe("codegen", () => {
  test("generates exactly the committed types from the shipped spec", async () => {
    expect(await generateTypes()).toBe(committed);
  });

  test("the types carry the spec's named enums", () => {
    expect(committed).toContain("IncorrectOtp = -8");
    expect(committed).toContain("Activated = 2");
    expect(committed).toContain("export type SchemaIssueCardRequest");
  });

  test("writes, then --check finds the file up to date", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "fp-codegen-")), "nested", "types.d.ts");
    expect(await codegen({ out })).toMatchObject({ kind: "written", out });
    expect(await codegen({ out, check: true })).toEqual({ kind: "up-to-date", out });
  });

  test("--check reports a hand edit and a missing file as stale", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "fp-codegen-")), "types.d.ts");
    expect(await codegen({ out, check: true })).toEqual({ kind: "stale", out, reason: "missing" });
    writeFileSync(out, committed.replace("IncorrectOtp = -8", "IncorrectOtp = -9"));
    expect(await codegen({ out, check: true })).toEqual({ kind: "stale", out, reason: "differs" });
  });

  test("--check catches a spec edit the generated file has not followed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-codegen-"));
    const spec = join(dir, "spec.yaml");
    writeFileSync(spec, readFileSync(SPEC_PATH, "utf8").replace("- AccessDenied\n", "- AccessRefused\n"));
    const out = join(PACKAGE_ROOT, "generated", "gift-cards.d.ts");
    expect(await codegen({ spec, out, check: true })).toEqual({ kind: "stale", out, reason: "differs" });
  });

  test("an unreadable spec is a clear error", async () => {
    await expect(generateTypes("/nonexistent/spec.yaml")).rejects.toThrow("cannot read spec /nonexistent/spec.yaml: no such file");
  });
});
