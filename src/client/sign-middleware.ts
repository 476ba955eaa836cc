/**
 * Signs each request in an openapi-fetch `onRequest` middleware, from the body of the very
 * Request that goes on the wire, so what is signed is what is sent.
 *
 * Reading that body back costs a stream clone, and handing a Request to fetch costs a copy of
 * it: together most of the client's overhead over raw fetch (BENCHMARKS.md). So the client
 * builds its Requests with `SignableRequest`, which keeps the body string it was constructed
 * with, and by default sends them with `fetchSignable`, which gives fetch that same string.
 * fetch sends a string body as its UTF-8 bytes, the bytes the signature is computed over.
 * A Request of any other origin is read through a clone and sent as it is.
 */
import type { Middleware } from "openapi-fetch";
import { signatureHeaders, type SigningCredentials } from "../signing/headers.js";

/** A Request that remembers a string body, to be signed without reading the stream back. */
export class SignableRequest extends Request {
  readonly bodyText: string | undefined;
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(input, init);
    this.bodyText = typeof init?.body === "string" ? init.body : undefined;
  }
}

/**
 * The global fetch, given the parts of a SignableRequest rather than the Request itself: undici
 * copies a Request handed to fetch, body stream and signal included, which costs more than
 * everything else the client does. An injected fetch gets the Request as openapi-fetch made it.
 */
export function fetchSignable(request: Request): Promise<Response> {
  if (!(request instanceof SignableRequest) || request.bodyText === undefined) return fetch(request);
  return fetch(request.url, { method: request.method, headers: request.headers, body: request.bodyText, signal: request.signal, redirect: request.redirect });
}

async function bodyOf(request: Request): Promise<string | Uint8Array> {
  if (request instanceof SignableRequest && request.bodyText !== undefined) return request.bodyText;
  return new Uint8Array(await request.clone().arrayBuffer());
}

export function signingMiddleware({ authId, secret, scheme }: SigningCredentials): Middleware {
  return {
    async onRequest({ request }) {
      const body = await bodyOf(request);
      const uri = new URL(request.url).pathname;
      const headers = signatureHeaders({ scheme, method: request.method, uri, body, authId, secret });
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return request;
    },
  };
}
