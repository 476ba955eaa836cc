/**
 * An answer as the HTTP layer writes it, and the API's envelope for the answers we make up
 * ourselves (the mock's, the limits' refusals, the proxy's 502). An error body is the spec's `BusinessError` (and,
 * with HTTP 401, its `UnauthorizedError`): `{datetime, status, message}`, the message being the
 * spec's description of the status, so a user reads the same words the spec documents.
 */
import type { ServerResponse } from "node:http";
import { ErrorStatus, errorStatusDescription } from "../openapi/codes.js";

export interface Answer {
  httpStatus: number;
  /** Sent as JSON, unless `bytes` is given. */
  body: unknown;
  headers?: Record<string, string | readonly string[]>;
  /**
   * A body to send exactly as it is, instead of `body` as JSON: a provider's answer passed on
   * byte for byte (the proxy, verify's guard). Its content type, if any, is in `headers`.
   */
  bytes?: Buffer;
  /** An answer that streams (server-sent events): it writes the head and keeps the response open itself. */
  stream?: (res: ServerResponse) => void;
  /** Why the request was refused before it reached an engine: never sent, read by the journal and the console. */
  refusal?: Refusal;
}

/** A refusal's short reason (the answer's words) and what differs, with both values. */
export interface Refusal {
  reason: string;
  explanation?: string;
}

let cachedSecond = NaN;
let cachedText = "";

/** `YYYY-MM-DD HH:MM:SS` in UTC (the API's time zone is undocumented); formatted once a second. */
export function formatDatetime(epochMs: number = Date.now()): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedText = new Date(second * 1000).toISOString().slice(0, 19).replace("T", " ");
  }
  return cachedText;
}

/** The spec's description of `status`, then the detail, if any. */
export function errorMessage(status: number, detail?: string): string {
  const description = errorStatusDescription(status) ?? "Error";
  return detail ? `${description}: ${detail}` : description;
}

/** A business error: HTTP 200 with a negative `status`, as the real API answers. */
export function businessError(status: number, detail?: string, epochMs?: number): Answer {
  return {
    httpStatus: 200,
    body: { datetime: formatDatetime(epochMs), status, message: errorMessage(status, detail) },
  };
}

/**
 * A transport-level refusal (401 signature, 404 path, 405 method, 413 size, 408 time, 400/431
 * broken HTTP) with the same JSON shape, `status` -1, so any client can read it.
 */
export function httpError(httpStatus: number, detail: string, headers?: Record<string, string>): Answer {
  const body = {
    datetime: formatDatetime(),
    status: ErrorStatus.GeneralError,
    message: errorMessage(ErrorStatus.GeneralError, detail),
  };
  return headers ? { httpStatus, body, headers } : { httpStatus, body };
}

/** A refusal: the answer, its message carrying the explanation, and the refusal kept for the journal. */
export function refused(answer: Answer, reason: string, explanation?: string): Answer {
  return { ...answer, refusal: explanation === undefined ? { reason } : { reason, explanation } };
}
