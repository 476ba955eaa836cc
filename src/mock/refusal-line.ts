/**
 * The console line for a refused request, printed even without DEBUG: what was refused and why,
 * the explanation included (it never holds a signature or a secret). A developer whose app got
 * a 401 reads the reason where the mock runs, without opening the dashboard.
 */
import { isOwnPath } from "../http/journal.js";
import type { ServedExchange } from "../http/serve.js";

/**
 * The line, or undefined when the request was not refused (or was a control call).
 * @example
 * refusalLine({ method: "POST", path: "/v5/cards/card_status", answer, … });
 * // 'mock: refused POST /v5/cards/card_status (HTTP 401): the JWS uri does not match the request path: the JWS header's uri is …'
 */
export function refusalLine(exchange: ServedExchange, name = "mock"): string | undefined {
  const { answer } = exchange;
  // A failure of ours (500) is logged by the HTTP layer, with its stack: not a refusal.
  if (!answer || exchange.outcome === "failed" || isOwnPath(exchange.path)) return undefined;
  const { refusal } = answer;
  if (!refusal && answer.httpStatus < 400) return undefined;
  const body = answer.body as { status?: unknown; message?: unknown } | undefined;
  const why = refusal
    ? refusal.explanation === undefined || refusal.explanation.startsWith(refusal.reason)
      ? (refusal.explanation ?? refusal.reason)
      : `${refusal.reason}: ${refusal.explanation}`
    : String(body?.message ?? "");
  const code =
    answer.httpStatus === 200 && typeof body?.status === "number"
      ? `status ${body.status}`
      : `HTTP ${answer.httpStatus}`;
  return `${name}: refused ${exchange.method} ${exchange.path} (${code}): ${why}`;
}
