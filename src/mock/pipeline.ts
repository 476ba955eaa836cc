/**
 * The request pipeline both modes share, after routing (404/405) and the size and time limits
 * (413, 408): signature → legacy replay → content type and JSON → the spec's request schema.
 * Each step either passes the request on or answers the way the real API would, so an engine
 * behind it only ever sees a signed, schema-valid request — Prism never gets to invent its 422.
 */
import { ErrorStatus } from "../openapi/codes.js";
import type { OperationValidators } from "../openapi/validators.js";
import { businessError, refused, type Answer } from "../http/answer.js";
import type { RawRequest } from "../http/request.js";
import type { Authentication } from "./authenticate.js";
import type { Engine, ValidRequest } from "./engine.js";
import { schemaRefusal, violationStatus } from "./violation-status.js";

export type PipelineResult = { ok: true; request: ValidRequest } | { ok: false; answer: Answer };

function isJsonContentType(header: string | string[] | undefined): boolean {
  if (header === "application/json") return true;
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return false;
  const mediaType = value.split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
}

/** The answer to a body that is not declared as JSON. */
export function notJsonContentType(): Answer {
  return businessError(ErrorStatus.GeneralError, "the request must be sent with Content-Type: application/json");
}

/** Content type and JSON: HTTP 200 with status -1 when the body is not a JSON request. */
export function readJsonRequestBody(request: RawRequest): { ok: true; body: unknown } | { ok: false; answer: Answer } {
  if (!isJsonContentType(request.headers["content-type"])) return { ok: false, answer: notJsonContentType() };
  if (request.body.length === 0)
    return {
      ok: false,
      answer: businessError(ErrorStatus.GeneralError, "the request body is empty; send a JSON object"),
    };
  try {
    return { ok: true, body: JSON.parse(request.body.toString("utf8")) };
  } catch {
    return { ok: false, answer: businessError(ErrorStatus.GeneralError, "the request body is not valid JSON") };
  }
}

export type Authenticate = (request: RawRequest) => Authentication;

export function runPipeline(
  request: RawRequest,
  validators: OperationValidators,
  authenticate: Authenticate,
): PipelineResult {
  const who = authenticate(request);
  if (!who.ok) return who;
  const parsed = readJsonRequestBody(request);
  if (!parsed.ok)
    return { ok: false, answer: refused(parsed.answer, (parsed.answer.body as { message: string }).message) };
  const verdict = violationStatus(validators, validators.request(parsed.body));
  if (verdict) {
    const explanation = schemaRefusal(verdict.violation, parsed.body);
    return {
      ok: false,
      answer: refused(businessError(verdict.status, explanation), verdict.violation.message, explanation),
    };
  }
  return {
    ok: true,
    request: {
      operation: validators.operation,
      authId: who.authId,
      body: parsed.body as Record<string, unknown>,
      headers: request.headers,
    },
  };
}

/** One operation's handler: the pipeline, then the engine. */
export function operationHandler(validators: OperationValidators, authenticate: Authenticate, engine: Engine) {
  return (request: RawRequest): Answer | Promise<Answer> => {
    const checked = runPipeline(request, validators, authenticate);
    return checked.ok ? engine.answer(checked.request) : checked.answer;
  };
}
