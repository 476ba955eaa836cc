/**
 * Which business outcomes the contracts exercise: for each operation, its success and every
 * business status the spec documents for it (the named examples of its 200 answer, which lint
 * keeps equal to their status), with the interactions that record each. No Pact tool shows
 * this: a contract can pass verification and never once try an incorrect OTP.
 */
import { errorStatusName } from "../openapi/codes.js";
import { loadSpec } from "../openapi/load.js";
import { operationAtPath, specOperations } from "../openapi/operations.js";
import { describeInteraction, type PactFile } from "./pact-files.js";

export interface Outcome {
  /** 0, or the negative business status. */
  status: number;
  /** "Success", or the status's name in the spec, e.g. "IncorrectOtp". */
  name: string;
  /** The interactions that record this outcome, as their authors named them. */
  interactions: string[];
}

export interface OperationCoverage {
  operationId: string;
  path: string;
  outcomes: Outcome[];
}

export interface Coverage {
  operations: OperationCoverage[];
  /** Outcomes exercised by at least one interaction, and outcomes in all. */
  exercised: number;
  total: number;
  /** Interactions whose answer is no documented outcome of their operation (an HTTP error, an undocumented status). */
  other: { interaction: string; operationId?: string; answer: string }[];
}

/**
 * @example
 * const coverage = contractCoverage(readPactDir("contracts"));
 * coverage.operations[0].outcomes; // [{ status: 0, name: "Success", interactions: ['"a product list request" (given …)'] }, …]
 */
export function contractCoverage(pacts: PactFile[]): Coverage {
  const spec = loadSpec();
  const operations: OperationCoverage[] = [...specOperations(spec).values()].map((op) => ({
    operationId: op.operationId,
    path: op.path,
    outcomes: op.outcomes.map((status) => ({
      status,
      name: status === 0 ? "Success" : (errorStatusName(status) ?? String(status)),
      interactions: [],
    })),
  }));
  const other: Coverage["other"] = [];
  for (const interaction of pacts.flatMap((pact) => pact.interactions)) {
    const named = describeInteraction(interaction);
    const operation = operationAtPath(interaction.request.path, spec);
    const status = (interaction.response.body as { status?: unknown } | undefined)?.status;
    const outcome = operations
      .find((o) => o.operationId === operation?.operationId)
      ?.outcomes.find((o) => interaction.response.status === 200 && o.status === status);
    if (outcome) outcome.interactions.push(named);
    else
      other.push({
        interaction: named,
        ...(operation ? { operationId: operation.operationId } : {}),
        answer: `HTTP ${interaction.response.status}${typeof status === "number" ? `, status ${status}` : ""}`,
      });
  }
  const outcomes = operations.flatMap((o) => o.outcomes);
  return {
    operations,
    exercised: outcomes.filter((o) => o.interactions.length > 0).length,
    total: outcomes.length,
    other,
  };
}

/**
 * The table `fp-giftcards coverage` prints: one line per operation and outcome.
 * @example
 * formatCoverage(contractCoverage(pacts));
 * // "operation      status  outcome  interactions\nlistProducts   0 Success …"
 */
export function formatCoverage(coverage: Coverage): string {
  const rows = [["operation", "status", "outcome", "interactions"]];
  for (const op of coverage.operations) {
    op.outcomes.forEach((outcome, i) => {
      rows.push([
        i === 0 ? op.operationId : "",
        String(outcome.status),
        outcome.name,
        outcome.interactions.length > 0 ? String(outcome.interactions.length) : "— none",
      ]);
    });
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd(),
  );
  for (const { interaction, answer } of coverage.other)
    lines.push(`not a documented outcome of its operation: ${interaction} answers ${answer}`);
  return lines.join("\n");
}
