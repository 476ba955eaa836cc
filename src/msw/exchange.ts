/**
 * A fetch `Request` as the mock's pipeline takes it, and the mock's answer as a fetch `Response`:
 * the exact bytes received (the signature covers them), headers as node gives them (lower-case
 * names), and the HTTP layer's body limit, so an in-process request is refused like a served one.
 */
import { httpError, type Answer } from "../http/answer.js";
import type { RawRequest } from "../http/request.js";
import { BODY_LIMIT_BYTES } from "../http/serve.js";

/** The request for the mock, or the 413 it gets for a body over the limit. */
export async function toRawRequest(request: Request): Promise<RawRequest | Answer> {
  const body = Buffer.from(await request.arrayBuffer());
  if (body.length > BODY_LIMIT_BYTES)
    return httpError(413, `the request body is larger than ${BODY_LIMIT_BYTES} bytes`);
  const url = new URL(request.url);
  const headers: RawRequest["headers"] = {};
  request.headers.forEach((value, name) => void (headers[name] = value));
  return { method: request.method, path: url.pathname, headers, body };
}

export const isAnswer = (value: RawRequest | Answer): value is Answer => "httpStatus" in value;

export function toResponse(answer: Answer): Response {
  const headers = new Headers(answer.bytes ? {} : { "content-type": "application/json; charset=utf-8" });
  for (const [name, value] of Object.entries(answer.headers ?? {})) {
    for (const each of typeof value === "string" ? [value] : value) headers.append(name, each);
  }
  const body = answer.bytes ? new Uint8Array(answer.bytes) : JSON.stringify(answer.body);
  return new Response(body, { status: answer.httpStatus, headers });
}
