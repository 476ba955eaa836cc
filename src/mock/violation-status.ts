/**
 * The one mapping from request-schema violations to the negative `status` the mock answers
 * (the spec's info.description: "a request that breaks this schema is answered like a business error").
 *
 * Order matters and is fixed: a structural problem with no field (not an object, an unknown
 * field) is -1 first, because no field's code can describe it; otherwise the `x-invalid-status`
 * of the first offending field in the schema's property order (so `cardholder_name` wins over
 * `phone` whatever order Ajv reports them in); otherwise -1.
 */
import { ErrorStatus } from "../openapi/codes.js";
import { sensitiveFields } from "../openapi/sensitive.js";
import type { OperationValidators, Violation } from "../openapi/validators.js";
import { valueAt } from "../openapi/json-pointer.js";

export interface ViolationVerdict {
  status: number;
  /** The violation the status stands for, for the answer's message. */
  violation: Violation;
}

/**
 * @example
 * const validators = operationValidators("issueCard");
 * violationStatus(validators, validators.request({ cardholder_name: "x", phone: 1, product_code: 1 }));
 * // => { status: -2, violation: { field: "cardholder_name", … } }
 */
export function violationStatus(
  validators: OperationValidators,
  violations: Violation[],
): ViolationVerdict | undefined {
  const first = violations[0];
  if (first === undefined) return undefined;
  // The field order of the spec these validators were compiled from.
  const order = validators.operation.requestFields;
  const structural = violations.find((v) => v.field === undefined || !order.includes(v.field));
  if (structural) return { status: ErrorStatus.GeneralError, violation: structural };
  const byField = [...violations].sort((a, b) => order.indexOf(a.field!) - order.indexOf(b.field!));
  const chosen = byField[0]!;
  return { status: chosen.invalidStatus ?? ErrorStatus.GeneralError, violation: chosen };
}

/** What came, in a few words; a sensitive field's value is described, never repeated. */
function came(value: unknown, sensitive: boolean): string {
  const kind = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (sensitive && (typeof value === "string" || typeof value === "number"))
    return `a ${kind} of ${String(value).length} characters`;
  // Only a leaf is shown: a nested value may be thousands of levels deep.
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (value !== null && typeof value === "object") return `an object with ${Object.keys(value).length} fields`;
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return `${text.length > 60 ? `${text.slice(0, 60)}…` : text} (${kind})`;
}

/**
 * A schema refusal in words: the field, what the spec expects (the violation's own words), and
 * what came — for a missing or unknown field that is the point itself.
 * @example
 * schemaRefusal({ path: "/phone", field: "phone", keyword: "type", message: "/phone must be integer" }, { phone: "x" });
 * // '/phone must be integer; got "x" (string)' — the phone is sensitive: 'got a string of 1 characters'
 */
export function schemaRefusal(violation: Violation, body: unknown): string {
  if (violation.keyword === "required" || violation.keyword === "additionalProperties") return violation.message;
  const sensitive = violation.field !== undefined && sensitiveFields().has(violation.field);
  return `${violation.message}; got ${came(valueAt(body, violation.path), sensitive)}`;
}
