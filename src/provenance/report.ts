/**
 * The report `fp-giftcards provenance` prints: each operation with its provenance (and, given
 * recordings, what real traffic showed about it), then every fact whose provenance differs
 * from its operation's, with where it applies.
 */
import type { TrafficEvidence } from "./evidence.js";
import type { DifferingProvenance, OperationProvenance, Provenance } from "./spec-provenance.js";

const tally = (table: Record<string, number>) =>
  Object.entries(table)
    .map(([key, n]) => (n > 1 ? `${key} ×${n}` : key))
    .join(", ");

function describe(provenance: Provenance | undefined): string {
  if (!provenance) return "NO PROVENANCE";
  const details = Object.entries(provenance.details).map(([key, value]) => {
    // `constraints: { pattern: decision }` reads as "constraints: pattern decision".
    const text =
      value !== null && typeof value === "object"
        ? Object.entries(value)
            .map(([k, v]) => `${k} ${String(v)}`)
            .join(", ")
        : String(value);
    return `${key}: ${text}`;
  });
  return (
    [provenance.level, ...provenance.sources, ...details].join("  ") +
    (provenance.notes ? `\n      ${provenance.notes}` : "")
  );
}

/**
 * @example
 * formatProvenance(specProvenance(loadSpec()), trafficEvidence(loadSpec(), readRecordings("rec")));
 */
export function formatProvenance(
  { operations, differing }: { operations: OperationProvenance[]; differing: DifferingProvenance[] },
  traffic?: TrafficEvidence,
): string {
  const lines = ["Operations"];
  const width = Math.max(...operations.map((op) => `${op.operationId}  ${op.method} ${op.path}`.length));
  for (const op of operations) {
    lines.push(`  ${`${op.operationId}  ${op.method} ${op.path}`.padEnd(width)}  ${describe(op.provenance)}`);
    const seen = traffic?.operations.find((o) => o.operationId === op.operationId);
    if (!traffic || !seen) continue;
    if (seen.exchanges === 0) {
      lines.push("      traffic: no exchange recorded");
      continue;
    }
    lines.push(
      `      traffic: ${seen.exchanges} exchange${seen.exchanges === 1 ? "" : "s"}; path ${seen.pathAnswered ? "answered" : "NOT answered (404 or no answer)"}; HTTP ${tally(seen.httpStatuses) || "—"}${seen.failures ? `; ${seen.failures} without an answer` : ""}`,
    );
    if (Object.keys(seen.statuses).length > 0) lines.push(`      statuses: ${tally(seen.statuses)}`);
    const sent = Object.entries(seen.requestTypes).map(([field, types]) => `${field} (${tally(types)})`);
    if (sent.length > 0) lines.push(`      request fields sent as: ${sent.join(", ")}`);
    lines.push(`      answer fields seen: ${seen.fieldsSeen.join(", ") || "—"}`);
    if (seen.fieldsNeverSeen.length > 0) lines.push(`      declared, never seen: ${seen.fieldsNeverSeen.join(", ")}`);
    lines.push(
      `      deviations from the spec: ${Object.keys(seen.deviations).length === 0 ? "none" : tally(seen.deviations)}`,
    );
  }
  if (traffic && Object.keys(traffic.unknownPaths).length > 0)
    lines.push(`  requests the spec has no operation for: ${tally(traffic.unknownPaths)}`);
  lines.push("", "Where the provenance differs from the operation's");
  for (const entry of differing) {
    lines.push(`  ${entry.definedAt}  ${describe(entry.provenance)}`);
    lines.push(`      applies to: ${entry.appliesTo.join(", ")}`);
  }
  if (traffic) lines.push("", `${traffic.recordings} recording${traffic.recordings === 1 ? "" : "s"} read.`);
  return lines.join("\n");
}
