/**
 * The signature headers for one request under either scheme. The client's middleware and the
 * contract verifier's request filter both call this, so a replayed request is signed exactly
 * like a live one.
 */
import { JWS_HEADER, signJws, type JwsAlgorithm } from "./jws.js";
import { legacyHeaders } from "./legacy.js";

export type SignatureScheme = "jws" | "sign";

/** A merchant's id and secret: who signs a request, and whose signature a server accepts. */
export interface Credentials {
  authId: string;
  secret: string;
}

/** Who signs, and how: the client's credentials, and the verifier's for a provider. */
export interface SigningCredentials extends Credentials {
  scheme: SignatureScheme;
  /** With the `jws` scheme: `HS512` (default) or `HS256`. */
  jwsAlgorithm?: JwsAlgorithm;
}

/** One request to sign: the credentials and scheme, and the parts the signature covers. */
export interface RequestToSign extends SigningCredentials {
  method: string;
  /** Path without host. */
  uri: string;
  body: string | Uint8Array;
}

export function signatureHeaders({
  scheme,
  method,
  uri,
  body,
  authId,
  secret,
  jwsAlgorithm,
}: RequestToSign): Record<string, string> {
  if (scheme === "sign") return legacyHeaders(body, authId, secret);
  return {
    [JWS_HEADER]: signJws({ method, uri, authId, body, secret, ...(jwsAlgorithm ? { alg: jwsAlgorithm } : {}) }),
  };
}
