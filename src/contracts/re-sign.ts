/**
 * Re-signing every replayed request. A pact records whatever signature the consumer's test
 * produced, under the consumer's test secret: it proves nothing to a provider and is never
 * trusted. Each recorded signature header is dropped and the request is signed again with the
 * provider's credentials, by the same `signatureHeaders` the client uses.
 *
 * The bytes signed must be the bytes forwarded. Pact's verification proxy (pact-js 16.5,
 * dsl/verifier/proxy) parses a JSON body into an object and forwards `JSON.stringify(body)`
 * (a Buffer as is) with the original `content-length`; so this filter signs that same
 * serialization and sets `content-length` to its length. `req.body` itself is left alone.
 */
import type { IncomingHttpHeaders } from "node:http";
import { signatureHeaders, type SigningCredentials } from "../signing/headers.js";
import { JWS_HEADER } from "../signing/jws.js";
import { LEGACY_HEADERS } from "../signing/legacy.js";

/** The parts of an Express request the filter reads and changes. */
export interface FilterableRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

const RECORDED = [JWS_HEADER, LEGACY_HEADERS.sign, LEGACY_HEADERS.authId, LEGACY_HEADERS.requestId].map((h) => h.toLowerCase());

/** The bytes Pact's proxy will forward for this body. */
export function forwardedBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "object") return Buffer.from(JSON.stringify(body));
  return Buffer.alloc(0);
}

/**
 * An Express middleware for the Verifier's `requestFilter`.
 * @example
 * new Verifier({ providerBaseUrl, requestFilter: reSigningFilter({ authId: "123456", secret, scheme: "jws" }) });
 */
export function reSigningFilter(credentials: SigningCredentials, basePath = "") {
  const prefix = basePath.replace(/\/+$/, "");
  return (req: FilterableRequest, _res: unknown, next: () => void): void => {
    const body = forwardedBytes(req.body);
    for (const name of RECORDED) delete req.headers[name];
    // The provider sees its base URL's path in front of the pact's path: that is the JWS `uri`.
    const signed = signatureHeaders({ ...credentials, method: req.method, uri: `${prefix}${req.path}`, body });
    for (const [name, value] of Object.entries(signed)) req.headers[name.toLowerCase()] = value;
    req.headers["content-length"] = String(body.length);
    next();
  };
}
