/**
 * What stands behind the shared pipeline: Prism, or the stateful simulator. It knows no HTTP and
 * no signature: it gets the operation the request is for, the merchant the authenticator
 * found, and the parsed body the spec's schema accepted.
 */
import type { Answer } from "../http/answer.js";
import type { RawRequest } from "../http/request.js";
import type { SpecOperation } from "../openapi/operations.js";

/** A signed, schema-valid request, as the engine gets it. */
export interface ValidRequest {
  operation: SpecOperation;
  /** The merchant the request is from (never its secret). */
  authId: string;
  /** The parsed, schema-valid body. */
  body: Record<string, unknown>;
  headers: RawRequest["headers"];
}

export interface Engine {
  /** The answer to a signed, schema-valid request. */
  answer(request: ValidRequest): Answer | Promise<Answer>;
}
