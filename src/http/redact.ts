/**
 * Redaction, the one way: what leaves the HTTP layer for a person to read — the proxy's
 * recordings, the journal, the dashboard — keeps no cardholder name, phone or OTP as sent.
 *
 * It works twice. By name: every field the spec marks `x-sensitive`, at any depth. By value: the
 * values the request sent in those fields (and a secret) wherever else they turn up — an answer
 * that echoes the phone in a `message`, say — in strings, and as numbers. A redacted value keeps
 * its JSON type (a string its length, a number its digit count): the evidence a maintainer
 * needs, such as whether the real API sends `phone` as a string or a number, survives the
 * redaction. Values shorter than four characters identify no one and are not scrubbed by value
 * (a sent OTP "1234" is, and so is a "1234" inside a card mask: redaction errs on the safe
 * side). Bodies are cut at MAX_DEPTH levels of nesting.
 */

/** Deeper nesting than this is not recorded (no answer of this API nests beyond three levels). */
export const MAX_DEPTH = 32;
const TOO_DEEP = `[nested deeper than ${MAX_DEPTH} levels: not recorded]`;
/** Sent values shorter than this are not scrubbed by value. */
const MIN_SCRUBBED_LENGTH = 4;

function redacted(value: unknown): unknown {
  if (typeof value === "string") return "*".repeat(value.length);
  if (typeof value === "number" && Number.isFinite(value))
    return Number("9".repeat(String(Math.trunc(Math.abs(value))).length));
  return null;
}

/**
 * `text` with every occurrence of each of `values` starred out, length kept.
 * @example
 * scrub("phone 79651234567 is invalid", ["79651234567"]); // "phone *********** is invalid"
 */
export function scrub(text: string, values: readonly string[]): string {
  let out = text;
  for (const value of values)
    if (value.length >= MIN_SCRUBBED_LENGTH && out.includes(value))
      out = out.split(value).join("*".repeat(value.length));
  return out;
}

/**
 * A copy of a JSON value with every field named in `fields` redacted, at any depth, and every
 * occurrence of `values` (see `sentValues`) scrubbed from the rest.
 * @example
 * redact({ cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 }, new Set(["cardholder_name", "phone"]));
 * // { cardholder_name: "***********", phone: 99999999999, product_code: 1 }
 * redact({ status: -3, message: "bad phone 79651234567" }, new Set(["phone"]), ["79651234567"]);
 * // { status: -3, message: "bad phone ***********" }
 */
export function redact(value: unknown, fields: ReadonlySet<string>, values: readonly string[] = []): unknown {
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === "string") return scrub(node, values);
    if (typeof node === "number")
      return String(node).length >= MIN_SCRUBBED_LENGTH && values.includes(String(node)) ? redacted(node) : node;
    if (node === null || typeof node !== "object") return node;
    if (depth >= MAX_DEPTH) return TOO_DEEP;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    // fromEntries, not assignment: a "__proto__" key from JSON.parse stays a plain field.
    return Object.fromEntries(
      Object.entries(node).map(([key, field]) => [
        key,
        fields.has(key) ? redactAll(field, depth + 1) : walk(field, depth + 1),
      ]),
    );
  };
  return walk(value, 0);
}

/** Everything inside a sensitive field, redacted leaf by leaf (a sensitive field holding an object hides all of it). */
function redactAll(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== "object") return redacted(value);
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactAll(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, redactAll(field, depth + 1)]));
}

/**
 * The values a request sent in sensitive fields, as text: what must not turn up anywhere else.
 * @example
 * sentValues({ cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 }, new Set(["cardholder_name", "phone"]));
 * // ["IVANOV IVAN", "79651234567"]
 */
export function sentValues(body: unknown, fields: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const leaves = (value: unknown, depth: number): void => {
    if (typeof value === "string" || typeof value === "number") found.push(String(value));
    else if (value !== null && typeof value === "object" && depth < MAX_DEPTH)
      for (const item of Object.values(value)) leaves(item, depth + 1);
  };
  const walk = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== "object" || depth >= MAX_DEPTH) return;
    for (const [key, field] of Object.entries(value)) (fields.has(key) ? leaves : walk)(field, depth + 1);
  };
  walk(body, 0);
  return found;
}
