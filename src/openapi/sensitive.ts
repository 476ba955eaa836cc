/**
 * The request and answer fields whose schema the spec marks `x-sensitive` (the cardholder's
 * name and phone, the OTP): what a recording of real traffic must not keep as sent.
 */
import { deref, loadSpec, type OpenApiDocument, type SchemaObject } from "./load.js";

const cache = new WeakMap<OpenApiDocument, ReadonlySet<string>>();

/**
 * @example
 * sensitiveFields(); // Set { "cardholder_name", "phone", "otp" }
 */
export function sensitiveFields(spec: OpenApiDocument = loadSpec()): ReadonlySet<string> {
  let fields = cache.get(spec);
  if (!fields) {
    const found = new Set<string>();
    for (const schema of Object.values(spec.components.schemas)) {
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      for (const [name, property] of Object.entries(properties)) {
        if (deref<SchemaObject>(spec, property)?.["x-sensitive"] === true) found.add(name);
      }
    }
    cache.set(spec, (fields = found));
  }
  return fields;
}
