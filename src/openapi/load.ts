/**
 * The one place that finds and parses the OpenAPI spec. Everything that needs a fact from it
 * (validators, status names, operation paths, the mocks, the codegen) asks here, and each file
 * is parsed once per process.
 *
 * A spec may come from a user (`--spec`), so reading one is bounded: a file over 4 MiB is
 * refused unread, and so is YAML that leans on aliases more than 100 times — an alias bomb of
 * a few hundred bytes expands to billions of nodes for any reader that walks it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The parts of an OpenAPI 3.1 document this toolkit reads. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  /** The API's hosts. */
  servers?: { url: string; description?: string }[];
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components: {
    schemas: Record<string, SchemaObject>;
    examples?: Record<string, { value: unknown; summary?: string }>;
    responses?: Record<string, unknown>;
  };
}

export interface OperationObject {
  operationId: string;
  requestBody?: unknown;
  responses: Record<string, unknown>;
  "x-provenance"?: { level: string; source?: string; notes?: string };
}

export type SchemaObject = Record<string, unknown> & { $ref?: string };

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "openapi", "gift-cards.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error("the shipped spec openapi/gift-cards.yaml was not found above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Root of this package (where openapi/, generated/ and package.json live). */
export const PACKAGE_ROOT = findPackageRoot();
/** The spec shipped with the package. */
export const SPEC_PATH = join(PACKAGE_ROOT, "openapi", "gift-cards.yaml");

/** Specs larger than this are refused unread: the shipped one is about 30 KiB. */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
/** Aliases a spec may use in all (yaml's own default): enough for any hand-written spec, not for a bomb. */
export const MAX_SPEC_ALIASES = 100;

/**
 * A spec that cannot be read: missing, too large, not YAML, or an alias bomb. Every command that
 * takes `--spec` answers it with this one line: `cannot read spec <path>: <reason>`.
 */
export class SpecUnreadable extends Error {
  override name = "SpecUnreadable";
  constructor(
    /** The spec as the caller named it. */
    readonly path: string,
    /** Why, in a few words: `no such file`, `it is N bytes; …`, the YAML parser's first line. */
    readonly reason: string,
  ) {
    super(`cannot read spec ${path}: ${reason}`);
  }
}

/** Reads and parses the file at `path`; `shown` is how the caller named it, for the message. */
function readSpecFile(path: string, shown: string): OpenApiDocument {
  if (!existsSync(path)) throw new SpecUnreadable(shown, "no such file");
  const stat = statSync(path);
  if (!stat.isFile()) throw new SpecUnreadable(shown, "not a file");
  if (stat.size > MAX_SPEC_BYTES)
    throw new SpecUnreadable(shown, `it is ${stat.size} bytes; a spec over ${MAX_SPEC_BYTES} bytes is refused`);
  try {
    return parse(readFileSync(path, "utf8"), { maxAliasCount: MAX_SPEC_ALIASES }) as OpenApiDocument;
  } catch (error) {
    throw new SpecUnreadable(shown, (error as Error).message.split("\n")[0]!.replace(/\s*at line \d+.*$/, ""));
  }
}

const cache = new Map<string, OpenApiDocument>();

/** Parses a spec file (the shipped one by default), once per path; throws SpecUnreadable. */
export function loadSpec(path: string = SPEC_PATH): OpenApiDocument {
  const key = resolve(path);
  let spec = cache.get(key);
  if (!spec) {
    spec = readSpecFile(key, path);
    cache.set(key, spec);
  }
  return spec;
}

/** Follows a local `#/…` JSON pointer within the spec. */
export function resolvePointer(spec: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], spec);
}

/** Resolves `$ref` chains until a concrete object. */
export function deref<T = SchemaObject>(spec: OpenApiDocument, node: unknown): T {
  let current = node as SchemaObject | undefined;
  const seen = new Set<string>();
  while (current && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    current = resolvePointer(spec, current.$ref) as SchemaObject | undefined;
  }
  return current as T;
}
