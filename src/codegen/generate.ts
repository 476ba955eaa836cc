/**
 * Types from the spec, by openapi-typescript's own API with the options this project fixes
 * (root types, real enums), so `fp-giftcards codegen` and the committed generated/ file agree
 * byte for byte. The text is written as produced: never reformat it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadSpec, SPEC_PATH, SpecUnreadable, type OpenApiDocument } from "../openapi/load.js";

export { SpecUnreadable };

export const DEFAULT_OUT = "generated/gift-cards.d.ts";

export interface CodegenOptions {
  /** The spec to read; the one shipped in the package by default. */
  spec?: string;
  /** Where the types go, relative to the working directory. */
  out?: string;
  /** Compare instead of writing. */
  check?: boolean;
}

export type CodegenResult =
  | { kind: "written"; out: string; bytes: number }
  | { kind: "up-to-date"; out: string }
  | { kind: "stale"; out: string; reason: "missing" | "differs" };

/** The text openapi-typescript generates for a spec. */
export async function generateTypes(spec: string = SPEC_PATH): Promise<string> {
  // Read by src/openapi, within its limits (size, aliases): openapi-typescript gets the document.
  let document: OpenApiDocument;
  try {
    document = loadSpec(spec);
  } catch (error) {
    if (error instanceof SpecUnreadable) throw new SpecUnreadable(`cannot read spec ${spec}: ${error.message}`);
    throw error;
  }
  // Loaded lazily: openapi-typescript brings the TypeScript compiler, which only codegen needs.
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import("openapi-typescript");
  try {
    const ast = await openapiTS(structuredClone(document) as unknown as Parameters<typeof openapiTS>[0], { rootTypes: true, enum: true, silent: true });
    return `${COMMENT_HEADER}${astToString(ast)}`;
  } catch (error) {
    throw new SpecUnreadable(`cannot generate types from ${spec}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** Writes the types, or with `check` reports whether the file on disk is what the spec generates. */
export async function codegen({ spec = SPEC_PATH, out = DEFAULT_OUT, check = false }: CodegenOptions = {}): Promise<CodegenResult> {
  const text = await generateTypes(spec);
  const target = resolve(out);
  if (check) {
    if (!existsSync(target)) return { kind: "stale", out, reason: "missing" };
    return readFileSync(target, "utf8") === text ? { kind: "up-to-date", out } : { kind: "stale", out, reason: "differs" };
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  return { kind: "written", out, bytes: Buffer.byteLength(text) };
}
