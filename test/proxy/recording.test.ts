/**
 * Redaction and the recording files on their own: sensitive fields go by name at any depth,
 * the values sent in them go wherever else they turn up, a redacted value keeps its JSON type,
 * nothing nests deeper than a recording keeps, and files never overwrite one another.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { sensitiveFields } from "../../src/openapi/index.js";
import { MAX_DEPTH, redact, scrub, sentValues } from "../../src/http/redact.js";
import { writeRecording, type Recording } from "../../src/proxy/recording.js";

const FIELDS = sensitiveFields();

describe("redact", () => {
  test("the spec's sensitive fields are the holder's name, phone and the OTP", () => {
    expect([...FIELDS].sort()).toEqual(["cardholder_name", "otp", "phone"]);
  });

  test.each<[string, { given: unknown; values?: string[]; want: unknown }]>([
    [
      "by name, keeping each JSON type",
      {
        given: { cardholder_name: "IVANOV IVAN", phone: 79651234567, otp: "1234", product_code: 1 },
        want: { cardholder_name: "***********", phone: 99999999999, otp: "****", product_code: 1 },
      },
    ],
    [
      "by name at any depth, arrays included",
      { given: { a: [{ b: { phone: "79651234567" } }] }, want: { a: [{ b: { phone: "***********" } }] } },
    ],
    [
      "a sensitive field holding an object hides all of it",
      { given: { phone: { country: 7, number: "9651234567" } }, want: { phone: { country: 9, number: "**********" } } },
    ],
    [
      "a sent value inside another string",
      {
        given: { message: "no card for 79651234567, IVANOV IVAN" },
        values: ["79651234567", "IVANOV IVAN"],
        want: { message: "no card for ***********, ***********" },
      },
    ],
    [
      "a sent value as a number elsewhere",
      {
        given: { msisdn: 79651234567, card_id: 5 },
        values: ["79651234567"],
        want: { msisdn: 99999999999, card_id: 5 },
      },
    ],
    [
      "values under four characters are left",
      { given: { card_status: 1, note: "ab" }, values: ["1", "ab"], want: { card_status: 1, note: "ab" } },
    ],
    [
      "a __proto__ key stays a field",
      {
        given: JSON.parse('{"__proto__":{"phone":"79651234567"}}'),
        want: JSON.parse('{"__proto__":{"phone":"***********"}}'),
      },
    ],
  ])("%s", (_name, { given, values = [], want }) => {
    expect(redact(given, FIELDS, values)).toEqual(want);
  });

  test(`nesting beyond ${MAX_DEPTH} levels is cut, however deep the answer`, () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;
    let node = redact(deep, FIELDS);
    for (let level = 0; level < MAX_DEPTH; level++) node = (node as unknown[])[0];
    expect(node).toBe(`[nested deeper than ${MAX_DEPTH} levels: not recorded]`);
  });

  test("sentValues: the leaves of the sensitive fields of a request", () => {
    expect(
      sentValues(
        { cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1, extra: { otp: ["1234"] } },
        FIELDS,
      ),
    ).toEqual(["IVANOV IVAN", "79651234567", "1234"]);
  });

  test("scrub keeps the length", () => {
    expect(scrub("phone 79651234567 is invalid", ["79651234567"])).toBe("phone *********** is invalid");
  });
});

describe("writeRecording", () => {
  const recording = (body: unknown): Recording => ({
    version: 1,
    recorded_at: "2026-11-30T12:00:00.000Z",
    operation: "getCardStatus",
    method: "POST",
    path: "/v5/cards/card_status",
    scheme: "jws",
    request: { content_type: "application/json", body: { card_id: 1 } },
    answer: { http_status: 200, bytes: 2, body },
    validation: { ok: true, branch: "success", deviations: [] },
    timing_ms: 3,
  });

  test("one file per exchange, named to sort in order, never overwriting; pretty JSON, or one line when that would be large", () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-giftcards-recording-"));
    try {
      const first = writeRecording(dir, recording({ status: 0 }));
      const big = writeRecording(dir, recording(Array.from({ length: 200_000 }, () => [1])));
      expect(readdirSync(dir)).toEqual([first, big].map((file) => file.slice(dir.length + 1)));
      expect(readdirSync(dir)[0]).toMatch(
        new RegExp(`^2026-11-30T12-00-00-000Z-${process.pid}-\\d{6}-getCardStatus\\.json$`),
      );
      expect(readFileSync(first, "utf8")).toBe(`${JSON.stringify(recording({ status: 0 }), null, 2)}\n`);
      expect(readFileSync(big, "utf8").split("\n")).toHaveLength(2);
      expect(JSON.parse(readFileSync(big, "utf8"))).toEqual(recording(Array.from({ length: 200_000 }, () => [1])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
