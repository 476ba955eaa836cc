import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { codegen, generateFiles, generateTypes } from "../../src/codegen/generate.js";
import { generateRuntime } from "../../src/codegen/runtime.js";
import { PACKAGE_ROOT, SPEC_PATH } from "../../src/openapi/load.js";

const generated = (file: string) => join(PACKAGE_ROOT, "generated", file);
const committed = readFileSync(generated("gift-cards.d.ts"), "utf8");
const FILES = ["gift-cards.d.ts", "gift-cards.runtime.js", "gift-cards.runtime.d.ts"];
const tempDir = () => mkdtempSync(join(tmpdir(), "fp-codegen-"));

/** A copy of the shipped spec with one edit. */
function editedSpec(from: string, to: string): string {
  const text = readFileSync(SPEC_PATH, "utf8");
  expect(text).toContain(from);
  const spec = join(tempDir(), "spec.yaml");
  writeFileSync(spec, text.replace(from, to));
  return spec;
}

/**
 * Runs `script` (an ES module body) on plain Node in an empty directory holding only `runtime`
 * as runtime.js: nothing else is importable there. Prints what the script prints.
 */
function runBeside(runtime: string, script: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, "runtime.js"), runtime);
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
  writeFileSync(join(dir, "main.js"), script);
  return execFileSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" });
}

describe("codegen", () => {
  test("generates exactly the committed files from the shipped spec: the types and the client's runtime", async () => {
    const files = await generateFiles();
    expect(files.map((file) => file.out)).toEqual(FILES.map((file) => `generated/${file}`));
    for (const file of files) expect(file.text).toBe(readFileSync(join(PACKAGE_ROOT, file.out), "utf8"));
  });

  test("the types carry the spec's named enums", () => {
    expect(committed).toContain("IncorrectOtp = -8");
    expect(committed).toContain("Activated = 2");
    expect(committed).toContain("export type SchemaIssueCardRequest");
  });

  test("--out writes the types alone: a consumer's app imports the client, which carries its runtime", async () => {
    const dir = tempDir();
    const out = join(dir, "types.d.ts");
    expect(await codegen({ out })).toEqual([{ kind: "written", out, bytes: Buffer.byteLength(committed) }]);
    expect(readFileSync(out, "utf8")).toBe(committed);
    expect(readdirSync(dir)).toEqual(["types.d.ts"]);
    expect(await codegen({ out, check: true })).toEqual([{ kind: "up-to-date", out }]);
  });

  test("with runtime, writes the types and the runtime beside them, then --check finds them up to date", async () => {
    const out = join(tempDir(), "nested", "types.d.ts");
    const runtime = { js: out.replace(/\.d\.ts$/, ".runtime.js"), dts: out.replace(/\.d\.ts$/, ".runtime.d.ts") };
    expect(await codegen({ out, runtime: true })).toEqual([
      { kind: "written", out, bytes: Buffer.byteLength(readFileSync(out)) },
      { kind: "written", out: runtime.js, bytes: Buffer.byteLength(readFileSync(runtime.js)) },
      { kind: "written", out: runtime.dts, bytes: Buffer.byteLength(readFileSync(runtime.dts)) },
    ]);
    expect(await codegen({ out, runtime: true, check: true })).toEqual(
      [out, runtime.js, runtime.dts].map((file) => ({ kind: "up-to-date", out: file })),
    );
  });

  test("--check reports a hand edit and a missing file as stale", async () => {
    const dir = tempDir();
    const out = join(dir, "types.d.ts");
    expect((await codegen({ out, runtime: true, check: true })).map((r) => r.kind === "stale" && r.reason)).toEqual([
      "missing",
      "missing",
      "missing",
    ]);
    await codegen({ out, runtime: true });
    writeFileSync(
      join(dir, "types.runtime.js"),
      readFileSync(join(dir, "types.runtime.js"), "utf8").replace('"IncorrectOtp"', '"WrongOtp"'),
    );
    expect(await codegen({ out, runtime: true, check: true })).toEqual([
      { kind: "up-to-date", out },
      { kind: "stale", out: join(dir, "types.runtime.js"), reason: "differs" },
      { kind: "up-to-date", out: join(dir, "types.runtime.d.ts") },
    ]);
  });

  test("--check catches a spec edit the generated files have not followed, in the types and in the runtime", async () => {
    const renamed = editedSpec("- AccessDenied\n", "- AccessRefused\n");
    expect(
      (await codegen({ spec: renamed, out: generated("gift-cards.d.ts"), runtime: true, check: true })).map(
        (r) => r.kind,
      ),
    ).toEqual(["stale", "stale", "stale"]);
    const moved = editedSpec("/v5/cards/card_status:", "/v5/cards/status:");
    expect(
      (await codegen({ spec: moved, out: generated("gift-cards.d.ts"), runtime: true, check: true })).map(
        (r) => r.kind,
      ),
    ).toEqual(["stale", "stale", "stale"]);
  });

  test("an unreadable spec is a clear error", async () => {
    await expect(generateTypes("/nonexistent/spec.yaml")).rejects.toThrow(
      "cannot read spec /nonexistent/spec.yaml: no such file",
    );
  });
});

describe("the client's runtime module", () => {
  const runtime = readFileSync(generated("gift-cards.runtime.js"), "utf8");

  test("imports nothing: it runs on plain Node where nothing else can be found", () => {
    expect(runtime).not.toMatch(/\brequire\(|^\s*import\b|\bimport\(/m);
    const out = runBeside(
      runtime,
      `
      import { operationTable, errorStatuses } from "./runtime.js";
      const check = operationTable.getCardStatus.success;
      const bad = { datetime: "2022-05-01 12:01:15", status: 0, card_status: 2, card_currency: "usd", card_balance: 1, card_mask: "1234********5678" };
      console.log(JSON.stringify([operationTable.getCardStatus.path, check(bad), check.errors[0].instancePath, errorStatuses.length]));
    `,
    );
    expect(JSON.parse(out)).toEqual(["/v5/cards/card_status", false, "/card_currency", 11]);
  });

  test("is the same text on every run", () => {
    expect(generateRuntime(SPEC_PATH)).toEqual(generateRuntime(SPEC_PATH));
  });

  test("a length limit validates by code points with Ajv's helper inlined, so the module still imports nothing", () => {
    const spec = editedSpec(
      "        image:\n          type: string\n",
      "        image:\n          type: string\n          maxLength: 2\n",
    );
    const { js } = generateRuntime(spec);
    expect(js).not.toMatch(/\brequire\(|^\s*import\b/m);
    const out = runBeside(
      js,
      `
      import { operationTable } from "./runtime.js";
      const product = (image) => ({ code: 1, name: "n", name_en: "n", currency: "USD", balance: 1, image });
      const body = (image) => ({ datetime: "2022-05-01 12:01:15", status: 0, product_list: [product(image)] });
      console.log(JSON.stringify([operationTable.listProducts.success(body("😀😀")), operationTable.listProducts.success(body("abc"))]));
    `,
    );
    expect(JSON.parse(out)).toEqual([true, false]);
  });

  test("a spec the client could not validate without Ajv at run time is refused, saying why", () => {
    const spec = editedSpec(
      "        image:\n          type: string\n",
      "        image:\n          type: string\n          format: uri\n",
    );
    expect(() => generateRuntime(spec)).toThrow(
      'the validators would need require("ajv-formats/dist/formats").fullFormats.uri at run time, and the client installs no Ajv: the spec uses a keyword (a format, say) that has no self-contained validation',
    );
  });

  test("codegen --out --runtime in another folder names the types file the runtime's declarations sit beside", async () => {
    const dir = join(tempDir(), "src");
    mkdirSync(dir);
    await codegen({ out: join(dir, "gift-cards.d.ts"), runtime: true });
    expect(existsSync(join(dir, "gift-cards.runtime.js"))).toBe(true);
    expect(readFileSync(join(dir, "gift-cards.runtime.d.ts"), "utf8")).toBe(
      readFileSync(generated("gift-cards.runtime.d.ts"), "utf8"),
    );
  });
});
