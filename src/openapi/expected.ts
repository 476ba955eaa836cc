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
  if (error.keyword === "required") return { at: `${error.instancePath}/${escape(String(error.params.missingProperty))}`, expected: "present (required)" };
  if (error.keyword === "additionalProperties") return { at: `${error.instancePath}/${escape(String(error.params.additionalProperty))}`, expected: "absent (no such field in the spec)" };
  return { at: error.instancePath, expected: words(error) };
}
