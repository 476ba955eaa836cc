/**
 * One exchange as `fp-giftcards proxy --record DIR` keeps it, and as `fp-giftcards provenance
 * --recordings DIR` reads it: the operation, the request and the answer with the spec's
 * `x-sensitive` fields redacted, the validation result and the timing. No signature header is
 * kept and the secret never reaches the proxy's requests from the app, so neither is in a file.
 * A redacted value keeps its JSON type (a string its length, a number its digit count): the
 * evidence a maintainer needs, such as whether the real API sends `phone` as a string or a
 * number, survives the redaction.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Deviation {
  /** JSON pointer into the answer body, "" for the body itself. */
  where: string;
  expected: string;
  actual: string;
  message: string;
}

export interface Recording {
  version: 1;
  /** ISO 8601, when the answer was complete. */
  recorded_at: string;
  /** The spec's operationId, or null for a path the spec does not have. */
  operation: string | null;
  method: string;
  path: string;
  /** Which signature the proxy sent upstream. */
  scheme: "jws" | "sign";
  request: { content_type?: string; body: unknown };
  /** What the upstream answered, or why there was no answer. */
  answer: { http_status: number; content_type?: string; body?: unknown; text?: string } | { error: string };
  validation: { ok: boolean; branch?: "success" | "error" | "unauthorized"; deviations: Deviation[] };
  timing_ms: number;
}

/**
 * A copy of a JSON value with every field named in `fields` redacted, at any depth.
 * @example
 * redact({ cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 }, new Set(["cardholder_name", "phone"]));
 * // { cardholder_name: "***********", phone: 99999999999, product_code: 1 }
 */
export function redact(value: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redact(item, fields));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = fields.has(key) ? redacted(field) : redact(field, fields);
  return out;
}

function redacted(value: unknown): unknown {
  if (typeof value === "string") return "*".repeat(value.length);
  if (typeof value === "number" && Number.isFinite(value)) return Number("9".repeat(String(Math.trunc(Math.abs(value))).length));
  return null;
}

let sequence = 0;

/** Writes one recording as `DIR/<time>-<n>-<operation>.json`; the names sort in recording order. */
export function writeRecording(dir: string, recording: Recording): string {
  mkdirSync(dir, { recursive: true });
  const stamp = recording.recorded_at.replace(/[:.]/g, "-");
  const file = join(dir, `${stamp}-${String(++sequence).padStart(6, "0")}-${recording.operation ?? "unknown"}.json`);
  writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
  return file;
}
