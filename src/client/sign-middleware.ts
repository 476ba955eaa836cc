/**
 * Signs each request in an openapi-fetch `onRequest` middleware, from the body bytes of the
 * very Request that goes on the wire (`request.clone()`), so what is signed is what is sent.
 */
import type { Middleware } from "openapi-fetch";
import { signatureHeaders, type SignatureScheme } from "../signing/headers.js";

export interface Credentials {
  authId: string;
  secret: string;
  scheme: SignatureScheme;
}

export function signingMiddleware({ authId, secret, scheme }: Credentials): Middleware {
  return {
    async onRequest({ request }) {
      const body = new Uint8Array(await request.clone().arrayBuffer());
      const uri = new URL(request.url).pathname;
      const headers = signatureHeaders({ scheme, method: request.method, uri, body, authId, secret });
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      return request;
    },
  };
}
