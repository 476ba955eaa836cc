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
import type { OperationValidators, Violation } from "../openapi/validators.js";

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
export function violationStatus(validators: OperationValidators, violations: Violation[]): ViolationVerdict | undefined {
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
