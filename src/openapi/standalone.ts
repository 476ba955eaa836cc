/**
 * Validators as source code (Ajv's standalone code) for a runtime that must neither parse YAML
 * nor compile schemas: the client's generated module. Ajv is set up exactly as for the
 * toolkit's own validators (validators.ts), so both report the same errors in the same words.
 *
 * The code must import nothing: the client's production install has no Ajv. Ajv's standalone
 * code `require`s a runtime helper for a few keywords; the two that are plain self-contained
 * functions (ucs2length for minLength/maxLength, fast-deep-equal for object enum/const) are
 * inlined from their source, and any other (formats, for instance) is refused with a clear error.
 */
import standaloneModule from "ajv/dist/standalone/index.js";
import ucs2length from "ajv/dist/runtime/ucs2length.js";
import equal from "ajv/dist/runtime/equal.js";
import type { OpenApiDocument } from "./load.js";
import { createAjv, SPEC_ID } from "./validators.js";

type StandaloneCode = (ajv: unknown, refs: Record<string, string>) => string;
// These modules are CommonJS; under NodeNext their default export may arrive one level down.
const commonJsDefault = <T>(module: unknown): T => ((module as { default?: T }).default ?? module) as T;
const standaloneCode = commonJsDefault<StandaloneCode>(standaloneModule);
const INLINE_HELPERS = [commonJsDefault<{ code: string }>(ucs2length), commonJsDefault<{ code: string }>(equal)];

export class StandaloneUnsupported extends Error {}

/**
 * An ES module exporting one validator per entry of `exports` (export name → local `$ref` such as
 * `#/components/schemas/BusinessError`); each sets `.errors` like an Ajv ValidateFunction.
 */
export function standaloneValidators(spec: OpenApiDocument, exports: Record<string, string>): string {
  const ajv = createAjv(spec, { source: true, esm: true, lines: true });
  const refs = Object.fromEntries(Object.entries(exports).map(([name, ref]) => [name, `${SPEC_ID}${ref}`]));
  let code = standaloneCode(ajv, refs);
  for (const helper of INLINE_HELPERS) code = code.split(helper.code).join(`(${String(helper)})`);
  const leftover = /\brequire\([^)]*\)(?:\.[\w$]+)*|^\s*import\b.*$/m.exec(code);
  if (leftover) {
    throw new StandaloneUnsupported(
      `the validators would need ${leftover[0].trim()} at run time, and the client installs no Ajv: the spec uses a keyword (a format, say) that has no self-contained validation`,
    );
  }
  return code;
}
