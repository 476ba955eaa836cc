/**
 * Signs each request `raw` (openapi-fetch) sends, in an `onRequest` middleware, from the body of
 * the very Request that goes on the wire, so what is signed is what is sent.
 *
 * Reading that body back costs a stream clone. So `raw` builds its Requests with
 * `SignableRequest`, which keeps the body string it was constructed with; the middleware signs
 * that string and the guarded fetch (guards.ts) sends that same string, whose UTF-8 bytes are
 * the bytes signed. A Request of any other origin is read through a clone and sent as it is.
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

async function bodyOf(request: Request): Promise<string | Uint8Array> {
  if (request instanceof SignableRequest && request.bodyText !== undefined) return request.bodyText;
  return new Uint8Array(await request.clone().arrayBuffer());
}

export function signingMiddleware(credentials: SigningCredentials): Middleware {
  return {
    async onRequest({ request }) {
      const body = await bodyOf(request);
      const uri = new URL(request.url).pathname;
      const headers = signatureHeaders({ ...credentials, method: request.method, uri, body });
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return request;
    },
  };
}
