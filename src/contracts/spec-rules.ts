/**
 * What `check` derives from the spec beside the comparator (see check.ts): requests invalid
 * on purpose, and answer bodies checked against the branch their `status` picks.
 */
import type { Result } from "@pactflow/openapi-pact-comparator";
import type { OpenApiDocument } from "../openapi/load.js";
import { operationAtPath } from "../openapi/operations.js";
import { specValidators } from "../openapi/validators.js";
import type { PactInteraction } from "./pact-files.js";

/** One finding of the comparator. */
export type ValidationResult = Result;

function statusOf(interaction: PactInteraction): unknown {
  return (interaction.response.body as { status?: unknown } | undefined)?.status;
}

/** True when every schema violation of the request is explained by the answer's status. */
export function invalidOnPurpose(spec: OpenApiDocument, interaction: PactInteraction): boolean {
  const operation = operationAtPath(interaction.request.path, spec);
  if (!operation || interaction.response.status !== 200) return false;
  const violations = specValidators(spec).get(operation.operationId)!.request(interaction.request.body);
  return (
    violations.length > 0 &&
    violations.every((v) => v.invalidStatus !== undefined && v.invalidStatus === statusOf(interaction))
  );
}

/**
 * The answer body checked against the schema its HTTP status and `status` pick (200: success
 * when `status` is 0, else BusinessError; 401: UnauthorizedError), with the spec's validators.
 */
export function responseBodyFindings(
  spec: OpenApiDocument,
  interaction: PactInteraction,
): { where: string; code: string; message: string; specLocation: string }[] {
  const operation = operationAtPath(interaction.request.path, spec);
  const { status } = interaction.response;
  if (!operation || (status !== 200 && status !== 401)) return [];
  const ref =
    status === 401
      ? operation.unauthorizedRef
      : statusOf(interaction) === 0
        ? operation.successRef
        : operation.errorRef;
  const schema = ref?.split("/").pop();
  return specValidators(spec)
    .get(operation.operationId)!
    .response(interaction.response.body, status)
    .map((violation) => ({
      where: `response.body${violation.path.replace(/\//g, ".")}`,
      code: "response.body.incompatible",
      message: `Response body is incompatible with ${schema} in the spec file: ${violation.message}`,
      specLocation: `components.schemas.${schema}`,
    }));
}
