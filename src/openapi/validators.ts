/**
 * The one place that compiles the spec's schemas (Ajv, JSON Schema 2020-12 as OpenAPI 3.1
 * uses it). Validators are compiled once per spec and return violations as data; what a
 * violation means to a caller (a negative status in the mock, an `invalid_response` in the
 * client) is the caller's business.
 */
import { Ajv2020, type CodeOptions, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { toViolations, type Violation } from "../client/violations.js";
import { alternativesTold, expectationOf, type Expectation } from "./expected.js";
import { deref, loadSpec, type OpenApiDocument, type SchemaObject } from "./load.js";
import { specOperations, type SpecOperation } from "./operations.js";

// ajv-formats is CommonJS; under NodeNext its default export arrives one level down.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/** Which of the spec's answer schemas an answer is checked against. */
export type AnswerBranch = "success" | "error" | "unauthorized";

/** A violation of an answer, with what the schema wanted and where (see ./expected.ts). */
export interface AnswerViolation extends Violation, Expectation {}

export interface AnswerCheck {
  branch: AnswerBranch;
  violations: AnswerViolation[];
}

export interface OperationValidators {
  operation: SpecOperation;
  request(body: unknown): Violation[];
  /** Picks the branch by `status` (0: success, else business error) for a precise report. */
  response(body: unknown, httpStatus?: number): Violation[];
  /**
   * `response`, saying which branch was picked and, for each violation, what was expected where.
   * @example
   * operationValidators("getCardStatus").checkResponse({ datetime: "2022-05-01 12:01:15", status: 0, card_status: 2, card_currency: "USD", card_balance: "100", card_mask: "1234********5678" });
   * // { branch: "success", violations: [{ path: "/card_balance", at: "/card_balance", expected: "integer", keyword: "type", … }] }
   */
  checkResponse(body: unknown, httpStatus?: number): AnswerCheck;
}

export type { Violation };

/** The `$id` the spec is added under; a schema is compiled as `{ $ref: SPEC_ID + "#/…" }`. */
export const SPEC_ID = "urn:freedompay-gift-cards:spec";

/** For each request field, the status its schema names in `x-invalid-status`. */
function invalidStatusByField(spec: OpenApiDocument, schema: SchemaObject): Map<string, number> {
  const fields = new Map<string, number>();
  const properties = (deref(spec, schema).properties ?? {}) as Record<string, SchemaObject>;
  for (const [name, property] of Object.entries(properties)) {
    const status = deref(spec, property)["x-invalid-status"];
    if (typeof status === "number") fields.set(name, status);
  }
  return fields;
}

/** The one Ajv set-up for the spec; `code` asks for standalone source (src/openapi/standalone.ts). */
export function createAjv(spec: OpenApiDocument, code?: CodeOptions, verbose = false): Ajv2020 {
  // strictSchema off: the spec's schemas carry OpenAPI's own keywords and our x-* extensions.
  // verbose (errors carry their schema): a request's oneOf field is told every accepted form.
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: false,
    strictTypes: false,
    validateSchema: false,
    verbose,
    ...(code ? { code } : {}),
  });
  addFormats(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID } as object);
  return ajv;
}

const compiled = new WeakMap<OpenApiDocument, Map<string, OperationValidators>>();

/** Validators for every operation of a spec, compiled once and cached. */
export function specValidators(spec: OpenApiDocument = loadSpec()): Map<string, OperationValidators> {
  let table = compiled.get(spec);
  if (table) return table;
  const ajv = createAjv(spec, undefined, true);
  const compileRef = (ref: string): ValidateFunction => ajv.compile({ $ref: `${SPEC_ID}${ref}` });
  table = new Map();
  for (const operation of specOperations(spec).values()) {
    const requestSchema = operation.requestSchema;
    const validateRequest = requestSchema.$ref ? compileRef(requestSchema.$ref) : ajv.compile(requestSchema);
    const statusOf = invalidStatusByField(spec, requestSchema);
    const validateSuccess = compileRef(operation.successRef);
    const validateError = compileRef(operation.errorRef);
    const validateUnauthorized = operation.unauthorizedRef ? compileRef(operation.unauthorizedRef) : undefined;
    const branchOf = (body: unknown, httpStatus: number): AnswerBranch => {
      if (httpStatus === 401 && validateUnauthorized) return "unauthorized";
      return (body as { status?: unknown } | null)?.status === 0 ? "success" : "error";
    };
    const validatorOf = (branch: AnswerBranch): ValidateFunction =>
      branch === "unauthorized" ? validateUnauthorized! : branch === "success" ? validateSuccess : validateError;
    table.set(operation.operationId, {
      operation,
      request(body) {
        return validateRequest(body) ? [] : toViolations(alternativesTold(validateRequest.errors ?? []), statusOf);
      },
      response(body, httpStatus = 200) {
        const validate = validatorOf(branchOf(body, httpStatus));
        return validate(body) ? [] : toViolations(validate.errors);
      },
      checkResponse(body, httpStatus = 200) {
        const branch = branchOf(body, httpStatus);
        const validate = validatorOf(branch);
        if (validate(body)) return { branch, violations: [] };
        const errors = validate.errors ?? [];
        return {
          branch,
          violations: toViolations(errors).map((violation, i) => ({ ...violation, ...expectationOf(errors[i]!) })),
        };
      },
    });
  }
  compiled.set(spec, table);
  return table;
}

/** The validators of one operation; throws for an operationId the spec does not have (our bug). */
export function operationValidators(operationId: string, spec: OpenApiDocument = loadSpec()): OperationValidators {
  const validators = specValidators(spec).get(operationId);
  if (!validators) throw new Error(`spec has no operation ${operationId}`);
  return validators;
}
