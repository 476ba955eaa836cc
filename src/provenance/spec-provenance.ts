/**
 * What the spec says about where each of its facts comes from: every operation's
 * `x-provenance`, and every other `x-provenance` (a schema, a field, a response) with the
 * places in the operations' requests and answers where it applies.
 */
import { deref, type OpenApiDocument, type SchemaObject } from "../openapi/load.js";
import { specOperations } from "../openapi/operations.js";

export interface Provenance {
  level: string;
  /** Source URLs, when the spec names any. */
  sources: string[];
  notes?: string;
  /** Other keys of the `x-provenance` object, e.g. `path: inferred`. */
  details: Record<string, unknown>;
}

export interface OperationProvenance {
  operationId: string;
  method: string;
  path: string;
  provenance: Provenance | undefined;
}

export interface DifferingProvenance {
  /** Where the `x-provenance` is written, e.g. `components.schemas.Balance`. */
  definedAt: string;
  provenance: Provenance;
  /** Where it applies, e.g. `getCardStatus answer.card_balance`. */
  appliesTo: string[];
}

function toProvenance(raw: unknown): Provenance | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const { level, source, sources, notes, ...details } = raw as Record<string, unknown>;
  const list = [source, ...(Array.isArray(sources) ? sources : [])].filter((s): s is string => typeof s === "string");
  return { level: String(level), sources: list, ...(typeof notes === "string" ? { notes } : {}), details };
}

/** `#/components/schemas/Balance` → `components.schemas.Balance`. */
const readable = (pointer: string) => pointer.replace(/^#\//, "").replace(/\//g, ".");

/**
 * @example
 * const { operations, differing } = specProvenance(loadSpec());
 * differing.find((d) => d.definedAt === "components.schemas.Balance")?.appliesTo;
 * // ["listProducts answer.product_list[].balance", "activateCard answer.card_balance", …]
 */
export function specProvenance(spec: OpenApiDocument): {
  operations: OperationProvenance[];
  differing: DifferingProvenance[];
} {
  const differing = new Map<string, DifferingProvenance>();
  const note = (definedAt: string, raw: unknown, where: string) => {
    const provenance = toProvenance(raw);
    if (!provenance) return;
    let entry = differing.get(definedAt);
    if (!entry) differing.set(definedAt, (entry = { definedAt, provenance, appliesTo: [] }));
    if (!entry.appliesTo.includes(where)) entry.appliesTo.push(where);
  };

  // Walks a schema, noting each x-provenance met on the way: on a $ref'd schema, or on a property.
  const walk = (node: unknown, pointer: string, where: string, seen: Set<string>) => {
    const ref = (node as SchemaObject | undefined)?.$ref;
    if (typeof ref === "string") {
      if (seen.has(ref)) return;
      seen = new Set(seen).add(ref);
      pointer = ref;
    }
    const schema = deref<SchemaObject>(spec, node);
    if (!schema || typeof schema !== "object") return;
    note(readable(pointer), schema["x-provenance"], where);
    for (const branch of [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])])
      walk(branch, pointer, where, seen);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
      walk(property, `${pointer}/properties/${name}`, `${where}.${name}`, seen);
    }
    if (schema.items) walk(schema.items, `${pointer}/items`, `${where}[]`, seen);
  };

  const operations: OperationProvenance[] = [];
  for (const operation of specOperations(spec).values()) {
    operations.push({
      operationId: operation.operationId,
      method: "POST",
      path: operation.path,
      provenance: toProvenance(operation.provenance),
    });
    walk(
      operation.requestSchema,
      `#/paths/${operation.path}/post/requestBody`,
      `${operation.operationId} request`,
      new Set(),
    );
    for (const ref of [operation.successRef, operation.errorRef])
      walk({ $ref: ref }, ref, `${operation.operationId} answer`, new Set());
    const responses = (spec.paths[operation.path]?.post as { responses: Record<string, unknown> }).responses;
    for (const [code, response] of Object.entries(responses)) {
      const ref = (response as { $ref?: string }).$ref;
      const resolved = deref<{ "x-provenance"?: unknown }>(spec, response);
      note(
        ref ? readable(ref) : `paths.${operation.path}.post.responses.${code}`,
        resolved?.["x-provenance"],
        `${operation.operationId} HTTP ${code}`,
      );
    }
    if (operation.unauthorizedRef)
      walk(
        { $ref: operation.unauthorizedRef },
        operation.unauthorizedRef,
        `${operation.operationId} HTTP 401 answer`,
        new Set(),
      );
  }
  return { operations, differing: [...differing.values()] };
}
