/**
 * The one mapping from request-schema violations to the negative `status` the mock answers
 * (API notes: "a request that breaks the schema is answered like a business error").
 *
 * Order matters and is fixed: a structural problem with no field (not an object, an unknown
 * field) is -1 first, because no field's code can describe it; otherwise the `x-invalid-status`
 * of the first offending field in the schema's property order (so `cardholder_name` wins over
 * `phone` whatever order Ajv reports them in); otherwise -1.
 */
import { ErrorStatus } from "../spec/codes.js";
import { deref, loadSpec, type SchemaObject } from "../spec/load.js";
import type { OperationValidators, Violation } from "../spec/validators.js";

export interface ViolationVerdict {
  status: number;
  /** The violation the status stands for, for the answer's message. */
  violation: Violation;
}

const propertyOrders = new WeakMap<OperationValidators, string[]>();

function propertyOrder(validators: OperationValidators): string[] {
  let order = propertyOrders.get(validators);
  if (!order) {
    const spec = loadSpec();
    const schema = deref<SchemaObject>(spec, validators.operation.requestSchema);
    order = Object.keys((schema.properties ?? {}) as object);
    propertyOrders.set(validators, order);
  }
  return order;
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
  const structural = violations.find((v) => v.field === undefined || !propertyOrder(validators).includes(v.field));
  if (structural) return { status: ErrorStatus.GeneralError, violation: structural };
  const order = propertyOrder(validators);
  const byField = [...violations].sort((a, b) => order.indexOf(a.field!) - order.indexOf(b.field!));
  const chosen = byField[0]!;
  return { status: chosen.invalidStatus ?? ErrorStatus.GeneralError, violation: chosen };
}
