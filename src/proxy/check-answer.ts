/**
 * An upstream's answer against the spec, as deviations: an HTTP status the operation does not
 * document, a body that is not JSON or not served as JSON, every schema violation of the branch
 * its `status` picks (with what was expected and what came), and a business status the
 * operation does not document (its documented outcomes are the named examples of its 200
 * answer). Everything comes from the spec; the values shown come from the redacted body.
 */
import { errorStatusName } from "../openapi/codes.js";
import type { SpecOperation } from "../openapi/operations.js";
import { operationValidators, type AnswerBranch } from "../openapi/validators.js";
import type { Deviation } from "./recording.js";
import { valueAt } from "../openapi/json-pointer.js";

export interface UpstreamAnswer {
  httpStatus: number;
  contentType?: string;
  location?: string;
  bytes: Buffer;
}

export interface CheckedAnswer {
  branch?: AnswerBranch;
  deviations: Deviation[];
  /** The body, parsed, when it is JSON. */
  json?: { value: unknown };
}

const SHOWN_CHARACTERS = 60;

function cut(text: string): string {
  return text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS)}…`;
}

/** The JSON type of a value, as a deviation names what came. */
function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const isJsonType = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? "");

/**
 * @param shown the body as it may be shown: redacted (see recording.ts)
 * @example
 * checkAnswer(specOperations().get("getCardStatus")!, { httpStatus: 500, bytes: Buffer.from("oops") }, (b) => b);
 * // { deviations: [{ where: "HTTP status", expected: "200 or 401", actual: "500" }] }
 */
export function checkAnswer(
  operation: SpecOperation,
  answer: UpstreamAnswer,
  shown: (body: unknown) => unknown,
): CheckedAnswer {
  const documented = [...operation.exampleNames.keys()].sort((a, b) => a - b);
  if (!documented.includes(answer.httpStatus)) {
    const redirect =
      answer.location !== undefined && answer.httpStatus >= 300 && answer.httpStatus < 400
        ? `, a redirect to ${cut(answer.location)} (passed on, not followed)`
        : "";
    return {
      deviations: [
        { where: "HTTP status", expected: documented.join(" or "), actual: `${answer.httpStatus}${redirect}` },
      ],
    };
  }
  const text = answer.bytes.toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = shown(text.slice(0, SHOWN_CHARACTERS * 4)) as string;
    return {
      deviations: [{ where: "", expected: "a JSON body", actual: "not JSON", value: cut(JSON.stringify(start)) }],
    };
  }
  const deviations: Deviation[] = [];
  if (!isJsonType(answer.contentType))
    deviations.push({ where: "Content-Type", expected: "application/json", actual: answer.contentType ?? "none" });
  const { branch, violations } = operationValidators(operation.operationId).checkResponse(value, answer.httpStatus);
  let safe: unknown;
  for (const violation of violations) {
    const came = valueAt(value, violation.at);
    if (came === undefined) {
      deviations.push({ where: violation.at, expected: violation.expected, actual: "missing" });
      continue;
    }
    safe ??= shown(value);
    deviations.push({
      where: violation.at,
      expected: violation.expected,
      actual: kindOf(came),
      value: cut(JSON.stringify(valueAt(safe, violation.at)) ?? ""),
    });
  }
  const status = (value as { status?: unknown } | null)?.status;
  const outcomes = operation.outcomes;
  // A status outside the directory is already a violation of /status; one inside it may still be undocumented here.
  if (
    answer.httpStatus === 200 &&
    typeof status === "number" &&
    !violations.some((v) => v.at === "/status") &&
    !outcomes.includes(status)
  ) {
    deviations.push({
      where: "/status",
      expected: `an outcome ${operation.operationId} documents (${[...outcomes].sort((a, b) => b - a).join(", ")})`,
      actual: errorStatusName(status) ?? "undocumented",
      value: String(status),
    });
  }
  return { branch, deviations, json: { value } };
}
