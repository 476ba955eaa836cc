/**
 * The lines the proxy reports, one per exchange that is as the spec says, one per deviation,
 * one per request it does not check and one per upstream fault. Every line starts with
 * `proxy: ` and then the operation (or the method and path the spec does not have). No line
 * carries a timing, so the same traffic reports the same lines.
 */
import { errorStatusName } from "../openapi/codes.js";
import type { Deviation } from "./recording.js";

const statusName = (status: number) => (status === 0 ? "success" : (errorStatusName(status) ?? "undocumented"));

/**
 * @example
 * asSpecified("activateCard", 200, -8); // "proxy: activateCard HTTP 200 status -8 (IncorrectOtp): as the spec says"
 */
export function asSpecified(operationId: string, httpStatus: number, status: number | undefined): string {
  const business = status === undefined ? "" : ` status ${status} (${statusName(status)})`;
  const refused =
    httpStatus === 401
      ? "; the upstream refused the proxy's signature: check the merchant's id, secret and signature scheme"
      : "";
  return `proxy: ${operationId} HTTP ${httpStatus}${business}: as the spec says${refused}`;
}

/**
 * @example
 * deviationLine("getCardStatus", { where: "/card_balance", expected: "integer", actual: "string", value: '"100"' });
 * // 'proxy: getCardStatus answer /card_balance: expected integer, actual "100" (string)'
 */
export function deviationLine(operationId: string, deviation: Deviation): string {
  const actual = deviation.value === undefined ? deviation.actual : `${deviation.value} (${deviation.actual})`;
  return `proxy: ${operationId} answer ${deviation.where || "body"}: expected ${deviation.expected}, actual ${actual}`;
}

/**
 * @example
 * uncheckedLine("GET", "/v5/cards/card_info", 404);
 * // "proxy: GET /v5/cards/card_info is not an operation of the spec: forwarded, HTTP 404 passed on unchecked"
 */
export function uncheckedLine(method: string, path: string, httpStatus: number): string {
  return `proxy: ${method} ${path} is not an operation of the spec: forwarded, HTTP ${httpStatus} passed on unchecked`;
}

/**
 * @example
 * faultLine("getCardStatus", "the upstream at http://127.0.0.1:4010 (POST /v5/cards/card_status) did not answer within 30 s", 504);
 */
export function faultLine(label: string, fault: string, httpStatus: number): string {
  return `proxy: ${label}: no answer: ${fault}; the app got HTTP ${httpStatus}`;
}

/** The exchange went through, but keeping or checking it failed. */
export function notKeptLine(label: string, what: string): string {
  return `proxy: ${label}: the answer was passed on, but ${what}`;
}
