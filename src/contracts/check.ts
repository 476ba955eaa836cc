/**
 * `check`: every interaction of every pact file against the spec, request and response, by
 * PactFlow's @pactflow/openapi-pact-comparator (made for exactly this; the successor of
 * swagger-mock-validator, whose postinstall `patch-package` breaks installs where ajv is
 * hoisted — that is, in most consumer repos). Two honest adjustments, both
 * derived from the spec, never from a list of exceptions:
 * - The spec says a request that breaks its schema is answered with the offending field's
 *   `x-invalid-status`. An interaction that sends such a request on purpose (a too-short phone
 *   → -3) is accepted when, and only when, every violation's `x-invalid-status` is the status
 *   its recorded answer carries; it is listed as accepted, not hidden.
 * - Answer bodies are checked by the spec's own compiled validators (src/openapi), against the
 *   branch their `status` picks (0: success, else BusinessError), every required field
 *   included: the comparator reports a mismatch against every `oneOf` branch, and (by design,
 *   for partial pact bodies) not a missing required field; a recorded answer must be a whole
 *   answer of the spec, not a fragment of one.
 * And one rule of the contracts themselves: a request value injected from the provider state
 * (`fromProviderState("${card_id}", …)`) must name a value its state's setup answers — a param
 * of that state in the catalogue — or no verifier could ever fill it in.
 */
import { Comparator } from "@pactflow/openapi-pact-comparator";
import { loadSpec, SPEC_PATH, type OpenApiDocument } from "../openapi/load.js";
import {
  assertVerifiable,
  DEFAULT_PACT_DIR,
  describeInteraction,
  readPactDir,
  shortPath,
  type PactFile,
  type PactInteraction,
} from "./pact-files.js";
import { isProviderState, PROVIDER_STATES } from "../provider-states/catalogue.js";
import { invalidOnPurpose, responseBodyFindings, type ValidationResult } from "./spec-rules.js";

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

/** A spec the comparator cannot work with: the user's to fix. (One that cannot be read is src/openapi's SpecUnreadable.) */
export class CheckInputError extends Error {}

const INTERACTION_AT = /^\[root\]\.interactions\[(\d+)\]\.?/;

function interactionIndex(result: ValidationResult): number | undefined {
  const match = INTERACTION_AT.exec(result.mockDetails?.location ?? "");
  return match ? Number(match[1]) : undefined;
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

async function compare(comparator: Comparator, spec: string, pact: PactFile): Promise<ValidationResult[]> {
  const results: ValidationResult[] = [];
  try {
    for await (const result of comparator.compare(pact.document as object)) results.push(result);
  } catch (error) {
    throw new CheckInputError(`cannot check ${pact.path} against ${spec}: ${(error as Error).message}`);
  }
  return results;
}

/**
 * One finding per interaction, place and kind. The comparator reports the same place once per
 * security alternative, and once per branch of a `oneOf` (a phone is a number or a string):
 * those become one finding whose message says each branch's complaint.
 */
function unique(findings: Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.interaction}|${finding.where}|${finding.code}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...finding });
    else if (!seen.message.split(" | ").includes(finding.message))
      seen.message = `${seen.message} | ${finding.message}`;
  }
  return [...merged.values()];
}

/** Injected values whose expression names no value of the interaction's states. */
function injectionFindings(interaction: PactInteraction): { where: string; code: string; message: string }[] {
  const provided = interaction.providerStates.flatMap((s) =>
    isProviderState(s.name) ? Object.keys(PROVIDER_STATES[s.name]) : [],
  );
  return interaction.injected.flatMap(({ where, expression, params }) => {
    const unknown = params.filter((param) => !provided.includes(param));
    if (unknown.length === 0 && params.length > 0) return [];
    const gives = provided.length > 0 ? `it gives ${provided.join(", ")}` : "it gives none";
    return [
      {
        where,
        code: "request.generator.unknown-value",
        message: `injects ${expression}, a value its provider state does not give (${gives})`,
      },
    ];
  });
}

async function checkFile(
  comparator: Comparator,
  spec: string,
  doc: OpenApiDocument,
  pact: PactFile,
  report: CheckReport,
): Promise<void> {
  const results = await compare(comparator, spec, pact);
  const mismatches: Finding[] = [];
  const accepted: Finding[] = [];
  for (const error of results.filter((r) => r.type === "error" && r.code !== "response.body.incompatible")) {
    const index = interactionIndex(error);
    const interaction = index === undefined ? undefined : pact.interactions[index];
    const onPurpose =
      interaction !== undefined && error.code === "request.body.incompatible" && invalidOnPurpose(doc, interaction);
    (onPurpose ? accepted : mismatches).push(toFinding(error, pact));
  }
  // Answer bodies are checked by the spec's own validators: the branch picked by `status`, and
  // every required field (a recorded answer must be a whole answer, not a fragment of one).
  pact.interactions.forEach((interaction) => {
    for (const finding of [...responseBodyFindings(doc, interaction), ...injectionFindings(interaction)]) {
      mismatches.push({ pactFile: shortPath(pact.path), interaction: describeInteraction(interaction), ...finding });
    }
  });
  report.mismatches.push(...unique(mismatches));
  report.accepted.push(...unique(accepted));
  report.warnings.push(...unique(results.filter((r) => r.type === "warning").map((w) => toFinding(w, pact))));
}

/**
 * @example
 * const report = await checkContracts({ pactDir: "contracts" });
 * for (const m of report.mismatches) console.log(formatFinding(m));
 */
export async function checkContracts({
  spec = SPEC_PATH,
  pactDir = DEFAULT_PACT_DIR,
}: CheckOptions = {}): Promise<CheckReport> {
  const doc = loadSpec(spec);
  const pacts = readPactDir(pactDir);
  assertVerifiable(pacts);
  const report: CheckReport = {
    spec,
    files: pacts.map((p) => p.path),
    interactions: 0,
    mismatches: [],
    warnings: [],
    accepted: [],
  };
  // Compiled once for every pact file.
  const comparator = new Comparator(structuredClone(doc));
  for (const pact of pacts) {
    report.interactions += pact.interactions.length;
    await checkFile(comparator, spec, doc, pact, report);
  }
  return report;
}

/**
 * One line: `file › interaction › where: message (code; spec location)`.
 * @example
 * formatFinding(report.mismatches[0]);
 * // 'contracts/x.json › "an issue request" (given …) › response.body.card_id: … must be integer (response.body.incompatible; spec paths./v5/…)'
 */
export function formatFinding(f: Finding): string {
  return `${f.pactFile} › ${f.interaction} › ${f.where}: ${f.message} (${f.code}${f.specLocation ? `; spec ${f.specLocation}` : ""})`;
}
