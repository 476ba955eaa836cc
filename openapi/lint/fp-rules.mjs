/**
 * Lint rules of our own for the Freedom Pay gift-cards spec (a Redocly plugin):
 * - fp/post-json-only: every operation is a POST whose request and answers are JSON;
 * - fp/response-envelope: every JSON answer (each branch of a oneOf) requires `datetime` and `status`;
 * - fp/operation-provenance: every operation says where it comes from (`x-provenance`);
 * - fp/error-examples-match-status: an example named after a status (e.g. `IncorrectOtp`) carries that status;
 * - fp/constraint-provenance: every constraint of a schema (`required`, `additionalProperties: false`,
 *   bounds, lengths, patterns) says where it comes from in `x-provenance.constraints`; a documented
 *   one needs a source, a decision needs notes saying what was decided.
 */
const LEVELS = ["documented", "inferred", "decision"];
const HTTP_METHODS = ["get", "put", "delete", "options", "head", "patch", "trace"];

function postJsonOnly() {
  return {
    PathItem(pathItem, { report, location }) {
      for (const method of HTTP_METHODS) {
        if (pathItem[method])
          report({
            message: `Only POST is allowed, found ${method.toUpperCase()}.`,
            location: location.child(method).key(),
          });
      }
    },
    Operation(operation, { report, location, resolve }) {
      const body = operation.requestBody && resolve(operation.requestBody).node;
      const types = Object.keys(body?.content ?? {});
      if (!body || body.required !== true || types.length !== 1 || types[0] !== "application/json") {
        report({
          message: "The request body must be required and application/json only.",
          location: location.child("requestBody"),
        });
      }
      for (const [code, response] of Object.entries(operation.responses ?? {})) {
        const answer = resolve(response).node;
        const kinds = Object.keys(answer?.content ?? {});
        if (kinds.length !== 1 || kinds[0] !== "application/json") {
          report({
            message: `Response ${code} must be application/json only.`,
            location: location.child(["responses", code]),
          });
        }
      }
    },
  };
}

function responseEnvelope() {
  return {
    Response(response, { report, location, resolve }) {
      const schema = response.content?.["application/json"]?.schema;
      if (!schema) return;
      const root = resolve(schema).node;
      const branches = root.oneOf ?? root.anyOf ?? [root];
      branches.forEach((branch, i) => {
        const node = resolve(branch).node;
        const missing = ["datetime", "status"].filter(
          (field) => !node?.properties?.[field] || !node?.required?.includes(field),
        );
        if (missing.length > 0) {
          const where = root.oneOf || root.anyOf ? ` (branch ${i}${branch.$ref ? ` ${branch.$ref}` : ""})` : "";
          report({
            message: `Every answer must require ${missing.join(" and ")}${where}.`,
            location: location.child(["content", "application/json", "schema"]),
          });
        }
      });
    },
  };
}

function operationProvenance() {
  return {
    Operation(operation, { report, location }) {
      const provenance = operation["x-provenance"];
      if (!provenance || !LEVELS.includes(provenance.level) || !(provenance.source || provenance.notes)) {
        report({
          message: `Every operation needs x-provenance with level (${LEVELS.join(", ")}) and a source or notes.`,
          location: location.child("x-provenance").key(),
        });
      }
    },
  };
}

function errorExamplesMatchStatus() {
  let statusByName;
  return {
    Root: {
      enter(root, { resolve }) {
        const errorStatus = resolve({ $ref: "#/components/schemas/ErrorStatus" }).node;
        const names = errorStatus?.["x-enum-varnames"] ?? [];
        statusByName = new Map(names.map((name, i) => [name, errorStatus.enum[i]]));
      },
    },
    MediaType(mediaType, { report, location, resolve }) {
      for (const [name, example] of Object.entries(mediaType.examples ?? {})) {
        if (!statusByName?.has(name)) continue;
        const value = resolve(example).node?.value;
        if (value?.status !== statusByName.get(name)) {
          report({
            message: `Example "${name}" must have status ${statusByName.get(name)}.`,
            location: location.child(["examples", name]),
          });
        }
      }
    },
  };
}

const CONSTRAINTS = [
  "required",
  "additionalProperties",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
];

/** The constraint keywords a schema uses (an empty `required` or a permissive `additionalProperties` constrains nothing). */
function constraintsOf(schema) {
  return CONSTRAINTS.filter((key) => {
    if (key === "required") return Array.isArray(schema.required) && schema.required.length > 0;
    if (key === "additionalProperties") return schema.additionalProperties === false;
    return schema[key] !== undefined;
  });
}

function constraintProvenance() {
  return {
    Schema(schema, { report, location }) {
      const used = constraintsOf(schema);
      const provenance = schema["x-provenance"] ?? {};
      const listed = provenance.constraints ?? {};
      for (const key of used) {
        const level = listed[key];
        if (!LEVELS.includes(level)) {
          report({
            message: `Constraint "${key}" needs x-provenance.constraints.${key}: ${LEVELS.join(", ")} (a constraint no page documents is a decision).`,
            location: location.child(key).key(),
          });
        } else if (level === "documented" && !(provenance.source || provenance.sources)) {
          report({
            message: `Constraint "${key}" is documented: x-provenance needs its source.`,
            location: location.child("x-provenance").key(),
          });
        } else if (level === "decision" && !provenance.notes) {
          report({
            message: `Constraint "${key}" is a decision: x-provenance needs notes saying what was decided.`,
            location: location.child("x-provenance").key(),
          });
        }
      }
      for (const key of Object.keys(listed)) {
        if (!used.includes(key))
          report({
            message: `x-provenance.constraints.${key} names a constraint the schema does not have.`,
            location: location.child(["x-provenance", "constraints", key]).key(),
          });
      }
    },
  };
}

export default function fpRules() {
  return {
    id: "fp",
    rules: {
      oas3: {
        "post-json-only": postJsonOnly,
        "response-envelope": responseEnvelope,
        "operation-provenance": operationProvenance,
        "error-examples-match-status": errorExamplesMatchStatus,
        "constraint-provenance": constraintProvenance,
      },
    },
  };
}
