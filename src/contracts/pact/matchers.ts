/**
 * An answer of the spec turned into Pact matchers, so a consumer never writes a pattern: each
 * field is matched the way its schema constrains it — a `pattern` by that regex, an integer or
 * number by type, an array by its items (`eachLike`), a `const` exactly — with the example's
 * value as the value recorded. Only required fields go into the contract: it asks no more of
 * the provider than the spec promises. The top-level `status` stays exact: it is the outcome
 * the interaction is about.
 */
import { MatchersV3 } from "@pact-foundation/pact";
import { deref, type OpenApiDocument, type SchemaObject } from "../../openapi/load.js";

const { boolean, decimal, eachLike, integer, regex, string } = MatchersV3;

function matcherFor(spec: OpenApiDocument, node: unknown, value: unknown): unknown {
  const schema = deref<SchemaObject>(spec, node) ?? {};
  if (schema.const !== undefined || value === null) return value;
  switch (schema.type) {
    case "object":
      return objectMatcher(spec, schema, value as Record<string, unknown>);
    case "array": {
      const items = value as unknown[];
      return items.length > 0 ? eachLike(matcherFor(spec, schema.items, items[0])) : items;
    }
    case "integer":
      return integer(value as number);
    case "number":
      return decimal(value as number);
    case "boolean":
      return boolean(value as boolean);
    case "string":
      return typeof schema.pattern === "string" ? regex(schema.pattern, value as string) : string(value as string);
    default:
      return value;
  }
}

function objectMatcher(
  spec: OpenApiDocument,
  schema: SchemaObject,
  value: Record<string, unknown>,
): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const required = new Set((schema.required as string[] | undefined) ?? Object.keys(properties));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    if (required.has(name)) out[name] = matcherFor(spec, properties[name], field);
  }
  return out;
}

/**
 * The body of one answer: the example's values, matched by the schema of the branch its
 * status picks (`schemaRef`); `overrides` replace fields as exact values (or as the matcher given).
 * @example
 * answerMatchers(spec, "#/components/schemas/CardDetailsSuccess", example, { card_status: 1 });
 * // { datetime: regex(…), status: 0, card_status: 1, card_currency: regex("^[A-Z]{3}$", "USD"), … }
 */
export function answerMatchers(
  spec: OpenApiDocument,
  schemaRef: string,
  example: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const schema = deref<SchemaObject>(spec, { $ref: schemaRef });
  const body = objectMatcher(spec, schema, example);
  body.status = example.status;
  for (const [name, value] of Object.entries(overrides)) if (value !== undefined) body[name] = value;
  return body;
}
