/**
 * Turns what came back (or what was thrown) into the result union: transport failures,
 * HTTP errors, bodies that break the spec, business errors, success — in that order.
 */
import { errorStatusName } from "../openapi/codes.js";
import type { OperationValidators } from "../openapi/validators.js";
import type { BusinessErrorBody, GiftCardsError, GiftCardsResult } from "./types.js";

function failure<T>(error: GiftCardsError, response?: Response): GiftCardsResult<T> {
  return response ? { ok: false, error, response } : { ok: false, error };
}

/** A thrown fetch failure: our timeout, or the network (refused, reset, cut mid-body). */
export function fromThrown<T>(thrown: unknown, timeoutMs: number, url: string, response?: Response): GiftCardsResult<T> {
  const name = (thrown as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return failure({ kind: "timeout", message: `no complete answer from ${url} within ${timeoutMs} ms`, timeoutMs }, response);
  }
  const cause = (thrown as { cause?: { code?: string; message?: string } } | null)?.cause;
  const detail = cause?.code ?? cause?.message ?? (thrown as Error | null)?.message ?? String(thrown);
  return failure({ kind: "network", message: `request to ${url} failed: ${detail}`, cause: thrown }, response);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The answer to a request that completed at the HTTP level. */
export function fromResponse<T>(response: Response, text: string, validators: OperationValidators, validate: boolean): GiftCardsResult<T> {
  const parsed = parseJson(text);
  if (response.status !== 200) {
    const body = parsed.ok ? parsed.value : text;
    const detail = (body as { message?: unknown } | null)?.message;
    const message = `HTTP ${response.status}${typeof detail === "string" ? `: ${detail}` : ""}`;
    return failure({ kind: "http", status: response.status, message, body }, response);
  }
  if (!parsed.ok) {
    return failure({ kind: "invalid_response", message: "the answer is not JSON", violations: [], body: text }, response);
  }
  const body = parsed.value as { status?: unknown };
  if (validate) {
    const violations = validators.response(body);
    if (violations.length > 0) {
      const message = `the answer to ${validators.operation.operationId} breaks the spec: ${violations.map((v) => v.message).join("; ")}`;
      return failure({ kind: "invalid_response", message, violations, body }, response);
    }
  }
  if (typeof body?.status === "number" && body.status < 0) {
    const error = body as BusinessErrorBody;
    const name = errorStatusName(error.status);
    if (name === undefined) {
      return failure({ kind: "invalid_response", message: `unknown status ${error.status}`, violations: [], body }, response);
    }
    return failure({ kind: "business", code: error.status, name, message: error.message ?? name, body: error }, response);
  }
  if (body?.status !== 0) {
    return failure({ kind: "invalid_response", message: "the answer has no integer status", violations: [], body }, response);
  }
  return { ok: true, data: body as T, response };
}
