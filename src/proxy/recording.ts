/**
 * One exchange as `fp-giftcards proxy --record DIR` keeps it, and as `fp-giftcards provenance
 * --recordings DIR` reads it: the operation, the request and the answer with the spec's
 * `x-sensitive` fields redacted, the validation result and the timing. No header is kept but
 * the content type (and a redirect's Location), so no signature is; the secret never reaches a
 * request from the app, and is scrubbed from anything the upstream might echo.
 *
 * Redaction is the HTTP layer's one (src/http/redact.ts), the journal's too.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One way an answer differs from the spec; the report line is `<where>: expected <expected>, actual <value> (<actual>)`. */
export interface Deviation {
  /** A JSON pointer into the answer body ("" for the body itself), `HTTP status` or `Content-Type`. */
  where: string;
  /** What the spec wants there, e.g. `integer`, `present (required)`, `200 or 401`. */
  expected: string;
  /** The kind of what came, the same for every exchange with the same drift: `string`, `missing`, `500`, `GeneralError`. */
  actual: string;
  /** The value that came, as JSON, redacted and cut short, e.g. `"100"`; absent when there is none. */
  value?: string;
}

export interface Recording {
  version: 1;
  /** ISO 8601, when the answer was complete. */
  recorded_at: string;
  /** The spec's operationId, or null for a method and path the spec does not have. */
  operation: string | null;
  method: string;
  path: string;
  /** Which signature the proxy sent upstream. */
  scheme: "jws" | "sign";
  /** The body as JSON, redacted; a body that is not JSON is not kept (`not_json_bytes` says how long it was). */
  request: { content_type?: string; body?: unknown; not_json_bytes?: number };
  /** What the upstream answered (a JSON body as `body`, anything else as the start of its `text`), or why there was no answer. */
  answer:
    | { http_status: number; content_type?: string; location?: string; bytes: number; body?: unknown; text?: string }
    | { error: string };
  /** `ok`: checked, and as the spec says. `skipped` says why an answer was not checked. */
  validation: { ok: boolean; branch?: "success" | "error" | "unauthorized"; skipped?: string; deviations: Deviation[] };
  /** The upstream exchange, from sending to the answer's last byte (or the fault). */
  timing_ms: number;
}

/** A recording larger than this is written on one line (a pretty-printed deep answer can grow many times over). */
const PRETTY_LIMIT_BYTES = 1024 * 1024;
let sequence = 0;

/**
 * Writes one recording as `DIR/<time>-<pid>-<n>-<operation>.json`; the names sort in recording
 * order, and two proxies never write the same name. Throws what the file system throws.
 */
export function writeRecording(dir: string, recording: Recording): string {
  mkdirSync(dir, { recursive: true });
  const stamp = recording.recorded_at.replace(/[:.]/g, "-");
  const file = join(
    dir,
    `${stamp}-${process.pid}-${String(++sequence).padStart(6, "0")}-${recording.operation ?? "unknown"}.json`,
  );
  const pretty = JSON.stringify(recording, null, 2);
  writeFileSync(file, `${pretty.length <= PRETTY_LIMIT_BYTES ? pretty : JSON.stringify(recording)}\n`, { flag: "wx" });
  return file;
}
