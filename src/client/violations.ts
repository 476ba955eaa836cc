/**
 * A schema violation as data, and the one wording of it. The client's generated validators and
 * the toolkit's Ajv validators (src/openapi/validators.ts) both report through `toViolations`,
 * so the mock and the client describe a broken body in the same words.
 */

/** One error as a validator reports it: the shape of Ajv's ErrorObject that is read here. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface Violation {
  /** JSON pointer into the body, "" for the body itself. */
  path: string;
  /** The top-level request field concerned, when there is one. */
  field?: string;
  /** The negative status the spec assigns to an invalid `field` (`x-invalid-status`). */
  invalidStatus?: number;
  keyword: string;
  message: string;
}

function describe(error: SchemaError): string {
  const where = error.instancePath || "body";
  if (error.keyword === "additionalProperties")
    return `${where} has unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === "required")
    return `${where} is missing required field "${String(error.params.missingProperty)}"`;
  return `${where} ${error.message ?? "is invalid"}`;
}

/** Violations from a validator's errors; `statusOf` names each request field's `x-invalid-status`. */
export function toViolations(
  errors: readonly SchemaError[] | null | undefined,
  statusOf?: ReadonlyMap<string, number>,
): Violation[] {
  return (errors ?? []).map((error) => {
    const field =
      error.keyword === "required" && error.instancePath === ""
        ? String(error.params.missingProperty)
        : error.instancePath.split("/")[1]?.replace(/~1/g, "/").replace(/~0/g, "~");
    const invalidStatus = field === undefined ? undefined : statusOf?.get(field);
    return {
      path: error.instancePath,
      ...(field !== undefined ? { field } : {}),
      ...(invalidStatus !== undefined ? { invalidStatus } : {}),
      keyword: error.keyword,
      message: describe(error),
    };
  });
}
