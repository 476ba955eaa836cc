import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SPEC_PATH } from "../../src/openapi/load.js";
import { lintSpec } from "../../src/lint/redocly.js";

const original = readFileSync(SPEC_PATH, "utf8");
const dir = mkdtempSync(join(tmpdir(), "fp-lint-"));

function planted(name: string, from: string, to: string): string {
  if (!original.includes(from)) throw new Error(`fixture text not found: ${from}`);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, original.replace(from, to));
  return path;
}

describe.concurrent("fp-giftcards lint", () => {
  test("the shipped spec is clean", async () => {
    const result = await lintSpec();
    expect(result).toMatchObject({ ok: true });
    expect(result.output).toContain("Your API description is valid");
  });

  test.each([
    [
      "an operation without provenance",
      "fp/operation-provenance",
      "      operationId: resendCard\n      summary: Re-send an activated card's details to its holder\n      tags: [gift-cards]\n      x-provenance:",
      "      operationId: resendCard\n      summary: Re-send an activated card's details to its holder\n      tags: [gift-cards]\n      x-origin:",
    ],
    [
      "an answer that does not require datetime",
      "fp/response-envelope",
      "required: [datetime, status, card_id]",
      "required: [status, card_id]",
    ],
    [
      "an error example under the wrong name",
      "fp/error-examples-match-status",
      "                IncorrectOtp:\n                  $ref: '#/components/examples/IncorrectOtp'",
      "                IncorrectOtp:\n                  $ref: '#/components/examples/CardNotFound'",
    ],
    [
      "an example that breaks its schema",
      "no-invalid-media-type-examples",
      "                    card_id: 555\n",
      "                    card_id: '555'\n",
    ],
    [
      "a GET operation",
      "fp/post-json-only",
      "  /v5/cards/card_status:\n    post:",
      "  /v5/cards/card_status:\n    get:\n      operationId: peek\n      summary: Peek\n      x-provenance: {level: decision, notes: test}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/AcknowledgedSuccess'\n    post:",
    ],
    [
      "a bound without provenance",
      "fp/constraint-provenance",
      "          maximum: decision\n        notes: An integer in the docs' examples; its range",
      "        notes: An integer in the docs' examples; its range",
    ],
    [
      "a decided constraint without notes",
      "fp/constraint-provenance",
      "        notes: Units undocumented. That a balance is never negative is our decision.\n",
      "",
    ],
    [
      "a provenance entry for a constraint the schema lacks",
      "fp/constraint-provenance",
      "      minimum: 0\n      x-provenance:\n        level: inferred",
      "      x-provenance:\n        level: inferred",
    ],
  ])("catches %s (%s)", async (name, rule, from, to) => {
    const result = await lintSpec(planted(name.replace(/\W+/g, "-"), from, to));
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  });
});
