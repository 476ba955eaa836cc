/**
 * The operation table, read from the spec: operationId, path, and the schemas of the request
 * body and of the 200 answer's two branches (success, business error).
 */
import { deref, loadSpec, type OpenApiDocument, type OperationObject, type SchemaObject } from "./load.js";

export interface SpecOperation {
  operationId: string;
  path: string;
  method: "post";
  provenance: OperationObject["x-provenance"];
  requestSchema: SchemaObject;
  /** `$ref` of the 200 answer's success branch (status 0). */
  successRef: string;
  /** `$ref` of the 200 answer's business-error branch (negative status). */
  errorRef: string;
  /** `$ref` of the 401 answer. */
  unauthorizedRef?: string;
  /** Named examples of the 200 answer, as written in the spec. */
  examples: Record<string, unknown>;
  /**
   * The business outcomes the operation documents: the `status` of each named example of its 200
   * answer (lint keeps an example named after a status carrying it), the success first.
   */
  outcomes: readonly number[];
  /** The names of each documented answer code's examples (`200` → success, IncorrectOtp, …). */
  exampleNames: ReadonlyMap<number, readonly string[]>;
  /** The request body's fields in the schema's order (the order `x-invalid-status` is applied in). */
  requestFields: readonly string[];
  /** The request body's example named `request` (a valid request). */
  requestExample: unknown;
}

const tables = new WeakMap<OpenApiDocument, Map<string, SpecOperation>>();

function jsonContent(
  spec: OpenApiDocument,
  node: unknown,
): { schema?: SchemaObject; examples?: Record<string, unknown> } {
  const resolved = deref<{ content?: Record<string, { schema?: SchemaObject; examples?: Record<string, unknown> }> }>(
    spec,
    node,
  );
  return resolved?.content?.["application/json"] ?? {};
}

function readOperation(spec: OpenApiDocument, path: string, op: OperationObject): SpecOperation {
  const request = jsonContent(spec, op.requestBody);
  const ok = jsonContent(spec, op.responses["200"]);
  const branches = ((ok.schema?.oneOf as SchemaObject[] | undefined) ?? []).map((b) => b.$ref);
  const successRef = branches.find((ref) => ref && !ref.endsWith("/BusinessError"));
  const errorRef = branches.find((ref) => ref?.endsWith("/BusinessError"));
  if (!request.schema || !successRef || !errorRef) {
    throw new Error(
      `spec: operation ${op.operationId} needs a JSON request schema and a 200 oneOf [success, BusinessError]`,
    );
  }
  const unauthorized = jsonContent(spec, op.responses["401"]).schema?.$ref;
  const examples = Object.fromEntries(
    Object.entries(ok.examples ?? {}).map(([name, ex]) => [name, deref<{ value: unknown }>(spec, ex).value]),
  );
  const exampleNames = new Map(
    Object.entries(op.responses).map(
      ([code, response]) => [Number(code), Object.keys(jsonContent(spec, response).examples ?? {})] as const,
    ),
  );
  const requestFields = Object.keys((deref<SchemaObject>(spec, request.schema).properties ?? {}) as object);
  return {
    operationId: op.operationId,
    path,
    method: "post",
    provenance: op["x-provenance"],
    requestSchema: request.schema,
    successRef,
    errorRef,
    ...(unauthorized ? { unauthorizedRef: unauthorized } : {}),
    examples,
    outcomes: Object.values(examples)
      .map((example) => (example as { status?: unknown } | null)?.status)
      .filter((s): s is number => typeof s === "number"),
    exampleNames,
    requestFields,
    requestExample: deref<{ value?: unknown }>(spec, request.examples?.request)?.value,
  };
}

/** Every operation of the spec, keyed by operationId. */
export function specOperations(spec: OpenApiDocument = loadSpec()): Map<string, SpecOperation> {
  let table = tables.get(spec);
  if (!table) {
    table = new Map();
    for (const [path, item] of Object.entries(spec.paths)) {
      const op = item.post as OperationObject | undefined;
      if (op) table.set(op.operationId, readOperation(spec, path, op));
    }
    tables.set(spec, table);
  }
  return table;
}

/** The operation served at a path, if any. */
export function operationAtPath(path: string, spec: OpenApiDocument = loadSpec()): SpecOperation | undefined {
  for (const op of specOperations(spec).values()) if (op.path === path) return op;
  return undefined;
}
