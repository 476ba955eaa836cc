/**
 * `check`: every interaction of every pact file against the spec, request and response, by
 * @pactflow/swagger-mock-validator (made for exactly this). Two honest adjustments, both
 * derived from the spec, never from a list of exceptions:
 * - The spec says a request that breaks its schema is answered with the offending field's
 *   `x-invalid-status`. An interaction that sends such a request on purpose (a too-short phone
 *   → -3) is accepted when, and only when, every violation's `x-invalid-status` is the status
 *   its recorded answer carries; it is listed as accepted, not hidden.
 * - The validator reports a mismatch against every `oneOf` branch of an answer. Like the
 *   spec's own validators, the branch is picked by `status` (0: success, else BusinessError);
 *   the other branch's complaints are dropped when the picked one has its own.
 * Required response properties are enforced (`requiredPropertiesInResponse`): a recorded
 * answer must be a whole answer of the spec, not a fragment of one.
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { SwaggerMockValidatorFactory, type ValidationResult } from "@pactflow/swagger-mock-validator";
import { loadSpec, SPEC_PATH, type OpenApiDocument } from "../spec/load.js";
import { operationAtPath } from "../spec/operations.js";
import { specValidators } from "../spec/validators.js";
import { DEFAULT_PACT_DIR, describeInteraction, readPactDir, type PactFile, type PactInteraction } from "./pact-files.js";

export interface CheckOptions {
  /** The OpenAPI spec (default: the one shipped with the package). */
  spec?: string;
  /** Directory of pact files (default `contracts`). */
  pactDir?: string;
}

export interface Finding {
  pactFile: string;
  /** The interaction as its author named it, with its provider states. */
  interaction: string;
  /** Where in the interaction, e.g. `response.body.card_id`. */
  where: string;
  /** The validator's code, e.g. `response.body.incompatible`. */
  code: string;
  message: string;
  /** Where in the spec, e.g. `paths./v5/cards/issue_card.post.responses.200…`. */
  specLocation?: string;
}

export interface CheckReport {
  spec: string;
  files: string[];
  interactions: number;
  mismatches: Finding[];
  warnings: Finding[];
  /** Deliberately invalid requests whose answer is the status the spec assigns to the field. */
  accepted: Finding[];
}

/** A spec that cannot be read: the user's to fix. */
export class CheckInputError extends Error {}

const INTERACTION_AT = /^\[root\]\.interactions\[(\d+)\]\.?/;

function interactionIndex(result: ValidationResult): number | undefined {
  const match = INTERACTION_AT.exec(result.mockDetails?.location ?? "");
  return match ? Number(match[1]) : undefined;
}

function statusOf(interaction: PactInteraction): unknown {
  return (interaction.response.body as { status?: unknown } | undefined)?.status;
}

/** True when every schema violation of the request is explained by the answer's status. */
function invalidOnPurpose(spec: OpenApiDocument, interaction: PactInteraction): boolean {
  const operation = operationAtPath(interaction.request.path, spec);
  if (!operation || interaction.response.status !== 200) return false;
  const violations = specValidators(spec).get(operation.operationId)!.request(interaction.request.body);
  return violations.length > 0 && violations.every((v) => v.invalidStatus !== undefined && v.invalidStatus === statusOf(interaction));
}

/** The index, within the 200 answer's `oneOf`, of the branch this answer's `status` picks. */
function pickedBranch(spec: OpenApiDocument, interaction: PactInteraction): number | undefined {
  const operation = operationAtPath(interaction.request.path, spec);
  if (!operation) return undefined;
  const branches = ((spec.paths[operation.path]?.post as { responses: Record<string, { content?: Record<string, { schema?: { oneOf?: { $ref?: string }[] } }> }> })
    .responses["200"]?.content?.["application/json"]?.schema?.oneOf ?? []).map((b) => b.$ref);
  return branches.indexOf(statusOf(interaction) === 0 ? operation.successRef : operation.errorRef);
}

const BRANCH = /\.oneOf\.(\d+)(?:\.|$)/;

/** Keeps the picked branch's complaints about a response body (all of them if it has none). */
function onPickedBranch(results: ValidationResult[], picked: number | undefined): ValidationResult[] {
  if (picked === undefined || picked < 0) return results;
  const branchOf = (r: ValidationResult) => BRANCH.exec(r.specDetails?.location ?? "")?.[1];
  const own = results.filter((r) => branchOf(r) === String(picked));
  if (own.length === 0) return results;
  return results.filter((r) => r.code !== "response.body.incompatible" || branchOf(r) === String(picked));
}

/** Relative to the working directory when inside it, else as is. */
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

function toFinding(result: ValidationResult, pact: PactFile): Finding {
  const index = interactionIndex(result);
  const interaction = index === undefined ? undefined : pact.interactions[index];
  const where = (result.mockDetails?.location ?? "").replace(INTERACTION_AT, "").replace(/^\[root\]\.?/, "");
  return {
    pactFile: shortPath(pact.path),
    interaction: interaction ? describeInteraction(interaction) : "(the pact file)",
    where: where || "interaction",
    code: result.code,
    message: result.message,
    ...(result.specDetails?.location ? { specLocation: result.specDetails.location.replace(/^\[root\]\./, "") } : {}),
  };
}

async function checkFile(spec: string, doc: OpenApiDocument, pact: PactFile, report: CheckReport): Promise<void> {
  const outcome = await SwaggerMockValidatorFactory.create()
    .validate({ specPathOrUrl: spec, mockPathOrUrl: pact.path, requiredPropertiesInResponse: "true" })
    .catch((error: unknown) => {
      throw new CheckInputError(`cannot check ${pact.path} against ${spec}: ${(error as Error).message}`);
    });
  const byInteraction = new Map<number | undefined, ValidationResult[]>();
  for (const error of outcome.errors) {
    const index = interactionIndex(error);
    byInteraction.set(index, [...(byInteraction.get(index) ?? []), error]);
  }
  for (const [index, errors] of byInteraction) {
    const interaction = index === undefined ? undefined : pact.interactions[index];
    const kept = interaction ? onPickedBranch(errors, pickedBranch(doc, interaction)) : errors;
    const onPurpose = interaction !== undefined && invalidOnPurpose(doc, interaction);
    for (const error of kept) {
      const list = onPurpose && error.code === "request.body.incompatible" ? report.accepted : report.mismatches;
      list.push(toFinding(error, pact));
    }
  }
  report.warnings.push(...outcome.warnings.map((w) => toFinding(w, pact)));
}

/**
 * @example
 * const report = await checkContracts({ pactDir: "contracts" });
 * for (const m of report.mismatches) console.log(formatFinding(m));
 */
export async function checkContracts({ spec = SPEC_PATH, pactDir = DEFAULT_PACT_DIR }: CheckOptions = {}): Promise<CheckReport> {
  if (!existsSync(spec)) throw new CheckInputError(`cannot read spec ${spec}: no such file`);
  let doc: OpenApiDocument;
  try {
    doc = loadSpec(spec);
  } catch (error) {
    throw new CheckInputError(`cannot read spec ${spec}: ${(error as Error).message}`);
  }
  const pacts = readPactDir(pactDir);
  const report: CheckReport = { spec, files: pacts.map((p) => p.path), interactions: 0, mismatches: [], warnings: [], accepted: [] };
  for (const pact of pacts) {
    report.interactions += pact.interactions.length;
    await checkFile(spec, doc, pact, report);
  }
  return report;
}

/** One line: `file › interaction › where: message (code; spec location)`. */
export function formatFinding(f: Finding): string {
  return `${f.pactFile} › ${f.interaction} › ${f.where}: ${f.message} (${f.code}${f.specLocation ? `; spec ${f.specLocation}` : ""})`;
}
