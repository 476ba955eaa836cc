/**
 * What recorded real traffic (`fp-giftcards proxy --record DIR`) shows about each operation:
 * whether its path answered, the HTTP and business statuses seen, which answer fields came and
 * which the spec declares but never came, the JSON types each request field was sent with,
 * and the deviations from the spec. The evidence a maintainer needs to promote "inferred".
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { errorStatusName } from "../openapi/codes.js";
import { deref, type OpenApiDocument, type SchemaObject } from "../openapi/load.js";
import { specOperations } from "../openapi/operations.js";
import type { Recording } from "../proxy/recording.js";

/** A recording larger than this is not one the proxy wrote (its answers are capped far below). */
const MAX_RECORDING_BYTES = 4 * 1024 * 1024;

export class UnreadableRecordings extends Error {}

export interface OperationEvidence {
  operationId: string;
  exchanges: number;
  /** Answers that were not 404: the path exists upstream. */
  pathAnswered: boolean;
  httpStatuses: Record<string, number>;
  /** `"0 Success"`, `"-8 IncorrectOtp"` → count. */
  statuses: Record<string, number>;
  fieldsSeen: string[];
  /** Declared by the spec's answer schemas, never seen in an answer (none when no answer came at all). */
  fieldsNeverSeen: string[];
  /** Request field → JSON type → count, e.g. `{ phone: { integer: 3, string: 1 } }`. */
  requestTypes: Record<string, Record<string, number>>;
  /** `"/card_id: expected integer, actual string"` → count. */
  deviations: Record<string, number>;
  /** Exchanges that got no answer at all (refused, timed out, cut off). */
  failures: number;
}

export interface TrafficEvidence {
  recordings: number;
  operations: OperationEvidence[];
  /** Requests the spec has no operation for (`GET /v5/cards/card_info`), with how often they were made. */
  unknownPaths: Record<string, number>;
}

/** Every `*.json` recording of a directory, sorted by name (that is, by time). */
export function readRecordings(dir: string): Recording[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch {
    throw new UnreadableRecordings(`the recordings directory ${dir} cannot be read`);
  }
  if (names.length === 0) throw new UnreadableRecordings(`no recordings (*.json) in ${dir}`);
  return names.map((name) => {
    const file = join(dir, name);
    if (statSync(file).size > MAX_RECORDING_BYTES)
      throw new UnreadableRecordings(
        `${file} is larger than ${MAX_RECORDING_BYTES} bytes: not a recording of fp-giftcards proxy`,
      );
    let recording: Partial<Recording> | null;
    try {
      recording = JSON.parse(readFileSync(file, "utf8")) as Partial<Recording> | null;
    } catch (error) {
      throw new UnreadableRecordings(`${file} is not JSON: ${(error as Error).message}`);
    }
    if (recording?.version !== 1 || typeof recording.path !== "string" || !recording.answer || !recording.validation) {
      throw new UnreadableRecordings(`${file} is not a recording of fp-giftcards proxy (version 1)`);
    }
    return recording as Recording;
  });
}

const count = (table: Record<string, number>, key: string) => void (table[key] = (table[key] ?? 0) + 1);

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Field paths of a JSON value: `card_id`, `product_list[].code`. */
function fieldPaths(value: unknown, prefix = "", into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) fieldPaths(item, `${prefix}[]`, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, field] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      fieldPaths(field, path, into);
    }
  }
  return into;
}

/** Field paths a schema declares, following $refs. */
function declaredPaths(
  spec: OpenApiDocument,
  node: unknown,
  prefix = "",
  into = new Set<string>(),
  depth = 0,
): Set<string> {
  const schema = deref<SchemaObject>(spec, node);
  if (!schema || depth > 8) return into;
  for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    into.add(path);
    declaredPaths(spec, property, path, into, depth + 1);
  }
  if (schema.items) declaredPaths(spec, schema.items, `${prefix}[]`, into, depth + 1);
  return into;
}

/**
 * @example
 * const evidence = trafficEvidence(loadSpec(), readRecordings("recordings"));
 * evidence.operations.find((o) => o.operationId === "issueCard")?.requestTypes.phone; // { integer: 12 }
 */
export function trafficEvidence(spec: OpenApiDocument, recordings: Recording[]): TrafficEvidence {
  const operations = new Map<string, OperationEvidence & { seen: Set<string> }>();
  for (const op of specOperations(spec).values()) {
    operations.set(op.operationId, {
      operationId: op.operationId,
      exchanges: 0,
      pathAnswered: false,
      httpStatuses: {},
      statuses: {},
      fieldsSeen: [],
      fieldsNeverSeen: [],
      requestTypes: {},
      deviations: {},
      failures: 0,
      seen: new Set(),
    });
  }
  const unknownPaths: Record<string, number> = {};
  for (const recording of recordings) {
    const evidence = recording.operation ? operations.get(recording.operation) : undefined;
    if (!evidence) {
      count(unknownPaths, `${recording.method} ${recording.path}`);
      continue;
    }
    evidence.exchanges++;
    const body = recording.request.body;
    if (body !== null && typeof body === "object" && !Array.isArray(body)) {
      for (const [field, value] of Object.entries(body)) count((evidence.requestTypes[field] ??= {}), jsonType(value));
    }
    if ("error" in recording.answer) {
      evidence.failures++;
      continue;
    }
    const answer = recording.answer;
    count(evidence.httpStatuses, String(answer.http_status));
    if (answer.http_status !== 404) evidence.pathAnswered = true;
    const status = (answer.body as { status?: unknown } | undefined)?.status;
    if (answer.http_status === 200 && typeof status === "number")
      count(evidence.statuses, `${status} ${status === 0 ? "Success" : (errorStatusName(status) ?? "undocumented")}`);
    fieldPaths(answer.body, "", evidence.seen);
    for (const d of recording.validation.deviations)
      count(evidence.deviations, `${d.where || "(body)"}: expected ${d.expected}, actual ${d.actual}`);
  }
  const result: OperationEvidence[] = [];
  for (const op of specOperations(spec).values()) {
    const { seen, ...evidence } = operations.get(op.operationId)!;
    const declared = new Set([
      ...declaredPaths(spec, { $ref: op.successRef }),
      ...declaredPaths(spec, { $ref: op.errorRef }),
    ]);
    result.push({
      ...evidence,
      fieldsSeen: [...seen].sort(),
      fieldsNeverSeen: evidence.exchanges > evidence.failures ? [...declared].filter((f) => !seen.has(f)).sort() : [],
    });
  }
  return { recordings: recordings.length, operations: result, unknownPaths };
}
