/**
 * `Prefer: example=<name>, code=<n>, dynamic=true, seed=<s>` — Prism's own preference header,
 * checked against the spec before Prism sees it, so a typo gets a clear 400 naming what exists
 * instead of Prism's problem+json. An example of the 401 answer (e.g. `Unauthorized`) implies
 * `code=401`.
 */
import type { SpecOperation } from "../../openapi/operations.js";
import { httpError, type Answer } from "../../http/answer.js";

export interface Preferences {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
  seed?: string;
}

/** The header's `name=value` pairs, by name (a Map: a name like `__proto__` is just a name). */
function parsePreferHeader(value: string): Map<string, string> {
  const preferences = new Map<string, string>();
  for (const part of value.split(/[,;]/)) {
    const [key, ...rest] = part.split("=");
    const name = key?.trim().toLowerCase();
    if (name)
      preferences.set(
        name,
        rest
          .join("=")
          .trim()
          .replace(/^"(.*)"$/, "$1"),
      );
  }
  return preferences;
}

/** The preferences of one request, or the 400 that explains a wrong one. */
export function readPreferences(
  header: string | string[] | undefined,
  operation: SpecOperation,
): { ok: true; preferences: Preferences } | { ok: false; answer: Answer } {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return { ok: true, preferences: {} };
  const table = operation.exampleNames;
  const parsed = parsePreferHeader(value);
  const asked = {
    code: parsed.get("code"),
    example: parsed.get("example"),
    dynamic: parsed.get("dynamic"),
    seed: parsed.get("seed"),
  };
  const preferences: Preferences = {};
  const fail = (detail: string) => ({ ok: false as const, answer: httpError(400, `Prefer: ${detail}`) });

  if (asked.code !== undefined) {
    const code = Number(asked.code);
    if (!table.has(code))
      return fail(
        `code=${asked.code} is not an answer of ${operation.operationId}; it documents ${[...table.keys()].join(", ")}`,
      );
    preferences.code = code;
  }
  if (asked.example !== undefined) {
    const owner = [...table].find(([, names]) => names.includes(asked.example!));
    if (!owner) {
      const known = [...table.values()].flat().join(", ");
      return fail(`no example "${asked.example}" for ${operation.operationId}; known examples: ${known}`);
    }
    if (preferences.code !== undefined && preferences.code !== owner[0]) {
      return fail(`example "${asked.example}" belongs to the ${owner[0]} answer, not ${preferences.code}`);
    }
    preferences.code = owner[0];
    preferences.exampleKey = asked.example;
  }
  if (asked.dynamic !== undefined) {
    if (asked.dynamic !== "true" && asked.dynamic !== "false")
      return fail(`dynamic must be true or false, got "${asked.dynamic}"`);
    preferences.dynamic = asked.dynamic === "true";
  }
  if (asked.seed !== undefined) preferences.seed = asked.seed;
  return { ok: true, preferences };
}
