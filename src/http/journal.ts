/**
 * The request journal: every request the mock (either mode) or the proxy answers, newest first,
 * in a ring (default 1,000 entries) — `GET /__control/requests?limit=N` and the dashboard. The
 * control API's and the dashboard's own requests are not journalled: they would bury the app's.
 *
 * Recording must stay cheap (the simulator's budget is ~45 µs of CPU a request; the journal may
 * add at most a tenth): an entry keeps references to what the request already holds — the body
 * bytes (up to BODY_KEPT_BYTES), the answer — and is shaped and redacted only when read. What
 * is read is redacted as the proxy's recordings are (the spec's `x-sensitive` fields by name,
 * their values anywhere else); no header is kept, so no signature is, and the secret never
 * reaches the mock in a request.
 */
import type { Answer } from "./answer.js";
import type { ServedExchange } from "./serve.js";
import { operationAtPath } from "../openapi/operations.js";
import { sensitiveFields } from "../openapi/sensitive.js";
import { redact, sentValues } from "./redact.js";
import { Ring } from "./ring.js";

/** Entries kept by default. */
export const JOURNAL_LIMIT = 1000;
/** A body longer than this is not kept (its length is). */
export const BODY_KEPT_BYTES = 4096;

/** `failed`: a failure of ours (a logged 500), never the request's fault. */
export type Outcome = "answered" | "refused" | "proxied" | "failed";

/** One entry as `GET /__control/requests` shows it. */
export interface JournalEntry {
  id: number;
  /** ISO 8601, when the answer was given. */
  at: string;
  method: string;
  path: string;
  /** The spec's operationId, or null for a path the spec does not have. */
  operation: string | null;
  http_status: number;
  /** The answer's business `status`, when it has one. */
  status: number | null;
  outcome: Outcome;
  /** Why the request was refused (the mock's refusals), and what differs, with both values. */
  reason?: string;
  explanation?: string;
  duration_ms: number;
  /** The request's body, redacted; `{ not_kept_bytes: N }` when it was not JSON or too long. */
  request: unknown;
  /** The answer's body, redacted, likewise. */
  answer: unknown;
}

/** What a request and its answer leave in the journal until someone reads it. */
interface Raw {
  id: number;
  at: number;
  method: string;
  path: string;
  /** The body's bytes when they were at most BODY_KEPT_BYTES; its length is always known. */
  body: Buffer | undefined;
  bodyBytes: number;
  httpStatus: number;
  /** The answer's JSON body (the mock's) or its bytes when short enough (the proxy's). */
  answerBody: unknown;
  answerBytes: Buffer | undefined;
  answerByteCount: number;
  refusal: Answer["refusal"];
  failed: boolean;
  durationMs: number;
}

/** Paths the journal leaves out: the control API and the dashboard. */
export function isOwnPath(path: string): boolean {
  return path.startsWith("/__control/") || path === "/__dashboard" || path.startsWith("/__dashboard/");
}

/** Bytes as JSON, or how many there were when they are not JSON or were not kept. */
function parsedBody(bytes: Buffer | undefined, length: number): { value?: unknown; notKept?: number } {
  if (length === 0) return { value: null };
  if (!bytes) return { notKept: length };
  try {
    return { value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return { notKept: bytes.length };
  }
}

export class Journal {
  /** Undefined when the journal is off (capacity 0). */
  private readonly ring: Ring<Raw> | undefined;
  private sequence = 0;
  /** Told of each new entry (the dashboard's live updates); entries are shaped only when someone listens. */
  onEntry: ((entry: JournalEntry) => void) | undefined;

  constructor(
    private readonly kind: "mock" | "proxy",
    capacity = JOURNAL_LIMIT,
  ) {
    this.ring = capacity > 0 ? new Ring(capacity) : undefined;
  }

  /** The most entries kept (0: the journal is off). */
  get capacity(): number {
    return this.ring?.capacity ?? 0;
  }

  /** Records one answered request, as the HTTP layer's observer hears of it. */
  record(exchange: ServedExchange): void {
    if (!this.ring || isOwnPath(exchange.path)) return;
    const body = exchange.request?.body;
    const bytes = exchange.answer?.bytes;
    const raw: Raw = {
      id: ++this.sequence,
      at: exchange.at,
      method: exchange.method,
      path: exchange.path,
      // A copy: a chunk from the socket may be a view of a much larger buffer, which it would keep alive.
      body: body && body.length <= BODY_KEPT_BYTES ? Buffer.from(body) : undefined,
      bodyBytes: body?.length ?? 0,
      httpStatus: exchange.status,
      answerBody: bytes ? undefined : exchange.answer?.body,
      answerBytes: bytes && bytes.length <= BODY_KEPT_BYTES ? Buffer.from(bytes) : undefined,
      answerByteCount: bytes ? bytes.length : 0,
      refusal: exchange.answer?.refusal,
      failed: exchange.outcome === "failed",
      durationMs: exchange.durationMs,
    };
    this.ring.push(raw);
    if (this.onEntry) this.onEntry(this.shape(raw));
  }

  /** Up to `limit` entries, newest first, redacted. */
  entries(limit?: number): JournalEntry[] {
    return this.ring ? this.ring.newest(limit).map((raw) => this.shape(raw)) : [];
  }

  private shape(raw: Raw): JournalEntry {
    const fields = sensitiveFields();
    const request = parsedBody(raw.body, raw.bodyBytes);
    const answered =
      raw.answerByteCount > 0 ? parsedBody(raw.answerBytes, raw.answerByteCount) : { value: raw.answerBody };
    const sent = request.value === undefined ? [] : sentValues(request.value, fields);
    const shown = (body: { value?: unknown; notKept?: number }) =>
      body.notKept !== undefined ? { not_kept_bytes: body.notKept } : redact(body.value, fields, sent);
    const status = (answered.value as { status?: unknown } | null | undefined)?.status;
    // The mock's own 4xx (404, 405, 413, 401) are refusals; the proxy passes the upstream's on.
    const refused =
      raw.refusal !== undefined || (this.kind === "mock" && raw.httpStatus >= 400) || raw.httpStatus === 413;
    const outcome: Outcome = raw.failed
      ? "failed"
      : refused
        ? "refused"
        : this.kind === "proxy"
          ? "proxied"
          : "answered";
    const { refusal } = raw;
    return {
      id: raw.id,
      at: new Date(raw.at).toISOString(),
      method: raw.method,
      path: raw.path,
      operation: raw.method === "POST" ? (operationAtPath(raw.path)?.operationId ?? null) : null,
      http_status: raw.httpStatus,
      status: typeof status === "number" ? status : null,
      outcome,
      ...(refusal ? { reason: refusal.reason } : {}),
      ...(refusal?.explanation !== undefined ? { explanation: scrubbed(refusal.explanation, sent) } : {}),
      duration_ms: Math.round(raw.durationMs * 100) / 100,
      request: shown(request),
      answer: shown(answered),
    };
  }
}

/** An explanation with the request's sensitive values starred out, like everything else read. */
function scrubbed(text: string, sent: readonly string[]): string {
  return redact(text, new Set(), sent) as string;
}
