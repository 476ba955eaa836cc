/**
 * Pact's verifier hands back its results as JSON (`pactffi_verifier_json`): per failed
 * interaction, either a list of mismatches (path, expected, actual, Pact's own sentence) or
 * an error message. This turns that into a report that names each interaction the way its
 * author wrote it, and each mismatch by its place in the answer.
 */
import { describeInteraction, type PactFile } from "./pact-files.js";

export interface Mismatch {
  /** `BodyMismatch`, `StatusMismatch`, `HeaderMismatch`, … (Pact's names). */
  kind: string;
  /** JSON path in the body (`$.card_id`), the header name, or `status`. */
  path: string;
  expected?: string;
  actual?: string;
  /** Pact's sentence, e.g. `Expected "555" (String) to be the same type as 555 (Integer)`. */
  message: string;
}

export interface InteractionFailure {
  interaction: string;
  mismatches: Mismatch[];
}

export interface VerificationResults {
  total: number;
  failures: InteractionFailure[];
  /** Failures of pending pacts (Pact Broker `--enable-pending`): reported, not failing. */
  pending: InteractionFailure[];
}

interface RawError {
  interaction: string;
  mismatch: { type: string; message?: string; mismatches?: Record<string, unknown>[] };
}

interface RawResults {
  errors?: RawError[];
  pendingErrors?: RawError[];
  interactionResults?: unknown[];
}

const text = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === "string" ? value : JSON.stringify(value);

function toMismatch(raw: Record<string, unknown>): Mismatch {
  const kind = String(raw.type ?? "Mismatch");
  const path = text(raw.path) ?? text(raw.key) ?? (kind === "StatusMismatch" ? "status" : kind);
  const expected = text(raw.expected);
  const actual = text(raw.actual);
  const message = text(raw.mismatch) ?? `expected ${expected}, got ${actual}`;
  return {
    kind,
    path,
    message,
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
  };
}

/** `Verifying a pact between C and P Given S - D` → `"D" (given S {params})` when the pact is local. */
function nameOf(raw: string, pacts: PactFile[]): string {
  const candidates = pacts
    .filter((pact) => raw.startsWith(`Verifying a pact between ${pact.consumer} and `))
    .flatMap((pact) => pact.interactions)
    .filter((i) => raw.endsWith(` ${i.description}`) && i.providerStates.every((state) => raw.includes(state.name)))
    .sort((a, b) => b.description.length - a.description.length);
  if (candidates[0]) return describeInteraction(candidates[0]);
  return raw.replace(/^Verifying a pact between .+? and .+? (?=Given |[^ ])/, "");
}

function toFailures(errors: RawError[] | undefined, pacts: PactFile[]): InteractionFailure[] {
  return (errors ?? []).map(({ interaction, mismatch }) => ({
    interaction: nameOf(interaction, pacts),
    mismatches: mismatch.mismatches
      ? mismatch.mismatches.map(toMismatch)
      : [{ kind: "Error", path: "interaction", message: mismatch.message ?? "failed" }],
  }));
}

/**
 * Parses the verifier's JSON; undefined when it is not that JSON (a crash, a usage error).
 * @example
 * parseResults(await verifier.verifyProvider(), readPactDir("contracts")); // { total: 21, failures: [], pending: [] }
 */
export function parseResults(json: string, pacts: PactFile[]): VerificationResults | undefined {
  let raw: RawResults;
  try {
    raw = JSON.parse(json) as RawResults;
  } catch {
    return undefined;
  }
  if (raw === null || typeof raw !== "object" || !Array.isArray(raw.interactionResults)) return undefined;
  return {
    total: raw.interactionResults.length,
    failures: toFailures(raw.errors, pacts),
    pending: toFailures(raw.pendingErrors, pacts),
  };
}

/**
 * One block per failed interaction, one line per mismatch.
 * @example
 * formatFailure({ interaction: '"a status request" (given …)', mismatches: [{ kind: "BodyMismatch", path: "$.card_id", expected: "555", actual: '"555"', message: "…" }] });
 * // '✗ "a status request" (given …)\n    $.card_id: … (expected 555, actual "555")'
 */
export function formatFailure({ interaction, mismatches }: InteractionFailure): string {
  const lines = mismatches.map((m) => {
    const values =
      m.expected !== undefined || m.actual !== undefined
        ? ` (expected ${m.expected ?? "—"}, actual ${m.actual ?? "—"})`
        : "";
    return `    ${m.path}: ${m.message}${values}`;
  });
  return [`✗ ${interaction}`, ...lines].join("\n");
}
