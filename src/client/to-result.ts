/**
 * Turns what came back (or what was thrown) into the result union: transport failures, redirects,
 * over-long answers, HTTP errors, bodies that break the spec, business errors, success.
 */
import type { GeneratedValidator } from "../../generated/gift-cards.runtime.js";
import { ResponseTooLarge } from "./guards.js";
import { errorStatusName } from "./statuses.js";
import type { BusinessErrorBody, GiftCardsError, GiftCardsResult } from "./types.js";
import { toViolations } from "./violations.js";

/** One operation as the result code needs it: its name, and its answer's two validators. */
export interface OperationCheck {
  operationId: string;
  success: GeneratedValidator;
  error: GeneratedValidator;
}

function failure<T>(error: GiftCardsError, response?: Response): GiftCardsResult<T> {
  return response ? { ok: false, error, response } : { ok: false, error };
}

/** A thrown failure: our timeout, an answer over the size limit, or the network (refused, reset, cut mid-body). */
export function fromThrown<T>(
  thrown: unknown,
  { url, timeoutMs }: { url: string; timeoutMs: number },
  response?: Response,
): GiftCardsResult<T> {
  if (thrown instanceof ResponseTooLarge && response) {
    const unread = `${thrown.message}; the client stopped reading it`;
    return response.status === 200
      ? failure({ kind: "invalid_response", message: unread, violations: [] }, response)
      : failure({ kind: "http", status: response.status, message: `HTTP ${response.status}: ${unread}` }, response);
  }
  const name = (thrown as { name?: string } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return failure(
      { kind: "timeout", message: `no complete answer from ${url} within ${timeoutMs} ms`, timeoutMs },
      response,
    );
  }
  const cause = (thrown as { cause?: { code?: string; message?: string } } | null)?.cause;
  const detail = cause?.code ?? cause?.message ?? (thrown as Error | null)?.message ?? String(thrown);
  return failure({ kind: "network", message: `request to ${url} failed: ${detail}`, cause: thrown }, response);
}

/** A 3xx: never followed, so nothing is sent to its Location. */
export function fromRedirect<T>(response: Response): GiftCardsResult<T> {
  const location = response.headers.get("location") ?? undefined;
  const message = `HTTP ${response.status}: a redirect${location === undefined ? "" : ` to ${location}`}, not followed (the client never follows redirects)`;
  return failure(
    { kind: "http", status: response.status, message, ...(location === undefined ? {} : { location }) },
    response,
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The answer to a request that completed at the HTTP level, its body read in full. */
export function fromResponse<T>(
  response: Response,
  text: string,
  operation: OperationCheck,
  validate: boolean,
): GiftCardsResult<T> {
  const parsed = parseJson(text);
  if (response.status !== 200) {
    const body = parsed.ok ? parsed.value : text;
    const detail = (body as { message?: unknown } | null)?.message;
    const message = `HTTP ${response.status}${typeof detail === "string" ? `: ${detail}` : ""}`;
    return failure({ kind: "http", status: response.status, message, body }, response);
  }
  if (!parsed.ok) {
    return failure(
      { kind: "invalid_response", message: "the answer is not JSON", violations: [], body: text },
      response,
    );
  }
  const body = parsed.value as { status?: unknown };
  if (validate) {
    // The branch is picked by `status`, for a precise report: 0 success, anything else an error.
    const validator = body?.status === 0 ? operation.success : operation.error;
    if (!validator(body)) {
      const violations = toViolations(validator.errors);
      const message = `the answer to ${operation.operationId} breaks the spec: ${violations.map((v) => v.message).join("; ")}`;
      return failure({ kind: "invalid_response", message, violations, body }, response);
    }
  }
  if (typeof body?.status === "number" && body.status < 0) {
    const error = body as BusinessErrorBody;
    const name = errorStatusName(error.status);
    if (name === undefined) {
      return failure(
        { kind: "invalid_response", message: `unknown status ${error.status}`, violations: [], body },
        response,
      );
    }
    return failure(
      { kind: "business", code: error.status, name, message: error.message ?? name, body: error },
      response,
    );
  }
  if (body?.status !== 0) {
    return failure(
      { kind: "invalid_response", message: "the answer has no integer status", violations: [], body },
      response,
    );
  }
  return { ok: true, data: body as T, response };
}
