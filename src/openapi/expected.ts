/**
 * What a schema wanted where a body broke it, in words, read from a validator's error (its
 * keyword and params): a report of an answer that drifted from the spec says "expected <this>,
 * actual <what came>", and the value that came is found at `at`.
 */
import type { SchemaError } from "../client/violations.js";

export interface Expectation {
  /** JSON pointer of the value concerned: the error's own, or for a missing or unknown field that field's. */
  at: string;
  /** e.g. `integer`, `one of 1, 2`, `a string matching ^[A-Z]{3}$`, `present (required)`. */
  expected: string;
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);
const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function words(error: SchemaError): string {
  const p = error.params;
  switch (error.keyword) {
    case "type":
      return Array.isArray(p.type) ? p.type.join(" or ") : String(p.type);
    case "enum":
      return `one of ${(p.allowedValues as unknown[]).map(show).join(", ")}`;
    case "const":
      return show(p.allowedValue);
    case "pattern":
      return `a string matching ${String(p.pattern)}`;
    case "format":
      return `a string of format ${String(p.format)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    case "minLength":
      return `at least ${String(p.limit)} characters`;
    case "maxLength":
      return `at most ${String(p.limit)} characters`;
    case "minItems":
      return `at least ${String(p.limit)} items`;
    case "maxItems":
      return `at most ${String(p.limit)} items`;
    default:
      // Ajv's own words without its "must": "match exactly one schema in oneOf".
      return (error.message ?? error.keyword).replace(/^must /, "");
  }
}

/**
 * @example
 * expectationOf({ instancePath: "/card_balance", keyword: "type", params: { type: "integer" } });
 * // { at: "/card_balance", expected: "integer" }
 * expectationOf({ instancePath: "", keyword: "required", params: { missingProperty: "card_mask" } });
 * // { at: "/card_mask", expected: "present (required)" }
 */
export function expectationOf(error: SchemaError): Expectation {
  if (error.keyword === "required")
    return {
      at: `${error.instancePath}/${escape(String(error.params.missingProperty))}`,
      expected: "present (required)",
    };
  if (error.keyword === "additionalProperties")
    return {
      at: `${error.instancePath}/${escape(String(error.params.additionalProperty))}`,
      expected: "absent (no such field in the spec)",
    };
  return { at: error.instancePath, expected: words(error) };
}

/**
 * A value a schema accepts, in words, read from the schema itself: what a request's `oneOf`
 * field is told it must be (`an integer from 10000000000 to 99999999999, or a string matching
 * ^[0-9]{11}$`), so that one form's complaint (`must be integer`) does not hide the others.
 * @example
 * acceptedInWords({ type: "string", pattern: "^[0-9]{11}$" }); // "a string matching ^[0-9]{11}$"
 */
export function acceptedInWords(schema: unknown): string {
  const s = (schema ?? {}) as Record<string, unknown>;
  const alternatives = s.oneOf ?? s.anyOf;
  if (Array.isArray(alternatives)) return alternatives.map(acceptedInWords).join(", or ");
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(show).join(", ")}`;
  if ("const" in s) return show(s.const);
  const type = Array.isArray(s.type) ? s.type.join(" or ") : typeof s.type === "string" ? s.type : "a value";
  const noun = type === "integer" ? "an integer" : type === "a value" ? type : `a ${type}`;
  const conditions = [
    typeof s.minimum === "number" && typeof s.maximum === "number" ? `from ${s.minimum} to ${s.maximum}` : undefined,
    typeof s.minimum === "number" && typeof s.maximum !== "number" ? `of at least ${s.minimum}` : undefined,
    typeof s.maximum === "number" && typeof s.minimum !== "number" ? `of at most ${s.maximum}` : undefined,
    typeof s.pattern === "string" ? `matching ${s.pattern}` : undefined,
    typeof s.format === "string" ? `of format ${s.format}` : undefined,
  ].filter((condition) => condition !== undefined);
  return [noun, ...conditions].join(" ");
}

/**
 * A validator's errors with each `oneOf`/`anyOf` failure told once, in the schema's words: the
 * errors of its branches are dropped, and its own says every accepted form. Needs the errors'
 * `schema` (Ajv's `verbose`); without it, errors pass unchanged.
 * @example
 * // "+79651234567" for Phone: `must be integer`, `must match pattern …`, `must match exactly one schema in oneOf`
 * // → one error: `must be an integer from 10000000000 to 99999999999, or a string matching ^[0-9]{11}$`
 */
export function alternativesTold<E extends SchemaError & { schemaPath?: string; schema?: unknown }>(
  errors: readonly E[],
): E[] {
  const choices = errors.filter(
    (e) => (e.keyword === "oneOf" || e.keyword === "anyOf") && Array.isArray(e.schema) && e.schemaPath,
  );
  const inBranch = (e: E) =>
    choices.some(
      (c) => c !== e && e.schemaPath?.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath),
    );
  return errors
    .filter((e) => !inBranch(e))
    .map((e) => (choices.includes(e) ? { ...e, message: `must be ${acceptedInWords({ oneOf: e.schema })}` } : e));
}
