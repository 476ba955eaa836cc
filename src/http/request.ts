/**
 * A request as the HTTP layer hands it on, and the function that answers it. The mock's
 * pipeline, the proxy and verify's provider guard all take requests of this shape, and an
 * in-process adapter can build one without a socket.
 */
import type { Answer } from "./answer.js";

export interface RawRequest {
  method: string;
  /** Path without query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received: a signature covers them. */
  body: Buffer;
}

/** A request as the serving layer received it: the query (`""` or `"?…"`) apart, for a proxy to forward. */
export interface ServedRequest extends RawRequest {
  query: string;
}

/** One answer per request: the mock's router, the proxy, verify's guard. */
export type HttpHandler = (request: ServedRequest) => Answer | Promise<Answer>;
