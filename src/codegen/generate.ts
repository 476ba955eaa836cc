/**
 * Types from the spec, by openapi-typescript's own API with the options this project fixes
 * (root types, real enums), and beside them the client's runtime module (runtime.ts), so
 * `fp-giftcards codegen` and the committed generated/ files agree byte for byte. The text is
 * written as produced: never reformat it.
 *
 * The runtime module is the client package's own: a consumer repo that generates types with
 * `--out` gets the types alone (its app imports the client, which carries its runtime), unless
 * it asks for the runtime too.
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadSpec, PACKAGE_ROOT, SPEC_PATH } from "../openapi/load.js";
import { generateRuntime, runtimePaths } from "./runtime.js";

/** A spec that reads but generates nothing usable (not OpenAPI enough for openapi-typescript, say). */
export class CodegenFailed extends Error {
  override name = "CodegenFailed";
}

export const DEFAULT_OUT = "generated/gift-cards.d.ts";

/**
 * No `out` outside the toolkit's own repo. Without it codegen rewrites the package's own
 * generated/ (the types and the client's runtime module), which only this repo has: run in a
 * consumer's repo it used to write a stray `./generated/` there.
 */
export class OutRequired extends Error {
  constructor() {
    super(
      "say where the types go with --out (e.g. --out src/gift-cards.d.ts); without it codegen rewrites the toolkit's own generated/, in its own repo only",
    );
  }
}

/** Whether the working directory is this package's own folder (its repo), where generated/ lives. */
function inOwnRepo(): boolean {
  return realpathSync(".") === realpathSync(PACKAGE_ROOT) && !PACKAGE_ROOT.split(/[\\/]/).includes("node_modules");
}

export interface CodegenOptions {
  /** The spec to read; the one shipped in the package by default. */
  spec?: string;
  /** Where the types go, relative to the working directory; required except in this package's own repo (default there: its generated/). */
  out?: string;
  /** Also write the client's runtime module beside the types; default: only for generated/ (no `out`). */
  runtime?: boolean;
  /** Compare instead of writing. */
  check?: boolean;
}

/** What happened to one generated file. */
export type CodegenResult =
  | { kind: "written"; out: string; bytes: number }
  | { kind: "up-to-date"; out: string }
  | { kind: "stale"; out: string; reason: "missing" | "differs" };

/** The text openapi-typescript generates for a spec. */
export async function generateTypes(spec: string = SPEC_PATH): Promise<string> {
  // Read by src/openapi, within its limits (size, aliases), or its SpecUnreadable: openapi-typescript gets the document.
  const document = loadSpec(spec);
  // Loaded lazily: openapi-typescript brings the TypeScript compiler, which only codegen needs.
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import("openapi-typescript");
  try {
    const ast = await openapiTS(structuredClone(document) as unknown as Parameters<typeof openapiTS>[0], {
      rootTypes: true,
      enum: true,
      silent: true,
    });
    return `${COMMENT_HEADER}${astToString(ast)}`;
  } catch (error) {
    throw new CodegenFailed(`cannot generate types from ${spec}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Every file codegen writes for a spec: the types at `out`, and with `runtime` the runtime module beside them. */
export async function generateFiles(
  spec: string = SPEC_PATH,
  out: string = DEFAULT_OUT,
  runtime = true,
): Promise<{ out: string; text: string }[]> {
  const types = await generateTypes(spec);
  if (!runtime) return [{ out, text: types }];
  let module;
  try {
    module = generateRuntime(spec);
  } catch (error) {
    throw new CodegenFailed(
      `cannot generate the client's runtime from ${spec}: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const paths = runtimePaths(out);
  return [
    { out, text: types },
    { out: paths.js, text: module.js },
    { out: paths.dts, text: module.dts },
  ];
}

/**
 * Writes the files, or with `check` reports for each whether the file on disk is what the spec
 * generates; one result per file, the types first.
 */
export async function codegen({
  spec = SPEC_PATH,
  out,
  check = false,
  runtime = out === undefined,
}: CodegenOptions = {}): Promise<CodegenResult[]> {
  if (out === undefined && !inOwnRepo()) throw new OutRequired();
  const files = await generateFiles(spec, out ?? DEFAULT_OUT, runtime);
  return files.map(({ out: file, text }) => {
    const target = resolve(file);
    if (check) {
      if (!existsSync(target)) return { kind: "stale", out: file, reason: "missing" };
      return readFileSync(target, "utf8") === text
        ? { kind: "up-to-date", out: file }
        : { kind: "stale", out: file, reason: "differs" };
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    return { kind: "written", out: file, bytes: Buffer.byteLength(text) };
  });
}
