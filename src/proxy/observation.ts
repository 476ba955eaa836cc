/**
 * What one exchange shows, once the app has its answer: the recording to keep and the lines to
 * report. Pure: the exchange in, data out; nothing here can touch the answer the app got.
 * Everything shown goes through one redaction (the spec's sensitive fields by name, the values
 * the request sent in them and the secret by value).
 */
import type { IncomingHttpHeaders } from "node:http";
import type { SpecOperation } from "../openapi/operations.js";
import type { ServedRequest } from "../http/request.js";
import { ProviderFault, type ProviderAnswer } from "../upstream/send.js";
import { checkAnswer, type UpstreamAnswer } from "./check-answer.js";
import { redact, scrub, sentValues } from "../http/redact.js";
import type { Recording } from "./recording.js";
import { asSpecified, deviationLine, faultLine, uncheckedLine } from "./report.js";

/** A recording keeps at most this much of an answer that is not JSON. */
const RECORDED_TEXT_CHARACTERS = 4096;

export interface Exchange {
  request: ServedRequest;
  /** The operation the method and path name, if the spec has one. */
  operation: SpecOperation | undefined;
  outcome: ProviderAnswer | ProviderFault;
  /** The HTTP status the app got. */
  appStatus: number;
  timingMs: number;
}

export interface Observer {
  fields: ReadonlySet<string>;
  secret: string;
  scheme: "jws" | "sign";
}

const one = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** A body's JSON value, boxed (so `null` is a value), or undefined when it is empty or not JSON. */
function jsonOf(bytes: Buffer): { value: unknown } | undefined {
  if (bytes.length === 0) return undefined;
  try {
    return { value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return undefined;
  }
}

/** The label of an exchange in report lines: its operation, or its method and path. */
export const labelOf = (request: ServedRequest, operation: SpecOperation | undefined) =>
  operation?.operationId ?? `${request.method} ${request.path}`;

/**
 * @example
 * const { recording, lines } = observe(exchange, { fields: sensitiveFields(), secret, scheme: "jws" });
 */
export function observe(
  { request, operation, outcome, appStatus, timingMs }: Exchange,
  { fields, secret, scheme }: Observer,
): { recording: Recording; lines: string[] } {
  const sent = jsonOf(request.body);
  const values = [...(sent ? sentValues(sent.value, fields) : []), secret];
  const shown = (value: unknown) => redact(value, fields, values);
  const requestType = one(request.headers, "content-type");
  const recording: Recording = {
    version: 1,
    recorded_at: new Date().toISOString(),
    operation: operation?.operationId ?? null,
    method: request.method,
    path: request.path,
    scheme,
    request: {
      ...(requestType !== undefined ? { content_type: requestType } : {}),
      ...(sent ? { body: shown(sent.value) } : request.body.length > 0 ? { not_json_bytes: request.body.length } : {}),
    },
    answer: { error: "" },
    validation: { ok: false, deviations: [] },
    timing_ms: timingMs,
  };
  const label = labelOf(request, operation);

  if (outcome instanceof ProviderFault) {
    const message = scrub(outcome.message, values);
    recording.answer = { error: message };
    recording.validation.skipped = "no answer";
    return { recording, lines: [faultLine(label, message, appStatus)] };
  }

  const contentType = one(outcome.headers, "content-type");
  const location = one(outcome.headers, "location");
  const answer: UpstreamAnswer = {
    httpStatus: outcome.status,
    bytes: outcome.body,
    ...(contentType !== undefined ? { contentType } : {}),
    ...(location !== undefined ? { location: scrub(location, values) } : {}),
  };
  const checked = operation ? checkAnswer(operation, answer, shown) : undefined;
  const json = checked?.json ?? jsonOf(outcome.body);
  recording.answer = {
    http_status: outcome.status,
    ...(contentType !== undefined ? { content_type: contentType } : {}),
    ...(answer.location !== undefined ? { location: answer.location } : {}),
    bytes: outcome.body.length,
    ...(json
      ? { body: shown(json.value) }
      : outcome.body.length > 0
        ? {
            text: scrub(
              outcome.body.toString("utf8", 0, RECORDED_TEXT_CHARACTERS * 4).slice(0, RECORDED_TEXT_CHARACTERS),
              values,
            ),
          }
        : {}),
  };

  if (!operation || !checked) {
    recording.validation.skipped = "not an operation of the spec";
    return { recording, lines: [uncheckedLine(request.method, request.path, outcome.status)] };
  }
  const { branch, deviations } = checked;
  recording.validation = { ok: deviations.length === 0, ...(branch ? { branch } : {}), deviations };
  if (deviations.length > 0)
    return { recording, lines: deviations.map((deviation) => deviationLine(operation.operationId, deviation)) };
  const status = (json?.value as { status?: unknown } | null | undefined)?.status;
  return {
    recording,
    lines: [asSpecified(operation.operationId, outcome.status, typeof status === "number" ? status : undefined)],
  };
}
