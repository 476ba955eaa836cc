/**
 * The two spec-derived adjustments `check` makes to the validator's findings (see check.ts):
 * requests invalid on purpose, and the `oneOf` branch an answer's `status` picks.
 */
import type { ValidationResult } from "@pactflow/swagger-mock-validator";
import type { OpenApiDocument } from "../spec/load.js";
import { operationAtPath } from "../spec/operations.js";
import { specValidators } from "../spec/validators.js";
import type { PactInteraction } from "./pact-files.js";

function statusOf(interaction: PactInteraction): unknown {
  return (interaction.response.body as { status?: unknown } | undefined)?.status;
}

/** True when every schema violation of the request is explained by the answer's status. */
export function invalidOnPurpose(spec: OpenApiDocument, interaction: PactInteraction): boolean {
  const operation = operationAtPath(interaction.request.path, spec);
  if (!operation || interaction.response.status !== 200) return false;
  const violations = specValidators(spec).get(operation.operationId)!.request(interaction.request.body);
  return violations.length > 0 && violations.every((v) => v.invalidStatus !== undefined && v.invalidStatus === statusOf(interaction));
}

/** The index, within the 200 answer's `oneOf`, of the branch this answer's `status` picks. */
export function pickedBranch(spec: OpenApiDocument, interaction: PactInteraction): number | undefined {
  const operation = operationAtPath(interaction.request.path, spec);
  if (!operation) return undefined;
  const branches = ((spec.paths[operation.path]?.post as { responses: Record<string, { content?: Record<string, { schema?: { oneOf?: { $ref?: string }[] } }> }> })
    .responses["200"]?.content?.["application/json"]?.schema?.oneOf ?? []).map((b) => b.$ref);
  return branches.indexOf(statusOf(interaction) === 0 ? operation.successRef : operation.errorRef);
}

const BRANCH = /\.oneOf\.(\d+)(?:\.|$)/;

/** Keeps the picked branch's complaints about a response body (all of them if it has none). */
export function onPickedBranch(results: ValidationResult[], picked: number | undefined): ValidationResult[] {
  if (picked === undefined || picked < 0) return results;
  const branchOf = (r: ValidationResult) => BRANCH.exec(r.specDetails?.location ?? "")?.[1];
  const own = results.filter((r) => branchOf(r) === String(picked));
  if (own.length === 0) return results;
  return results.filter((r) => r.code !== "response.body.incompatible" || branchOf(r) === String(picked));
}
