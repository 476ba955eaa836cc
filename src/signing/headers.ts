/**
 * The signature headers for one request under either scheme. The client's middleware and the
 * contract verifier's request filter both call this, so a replayed request is signed exactly
 * like a live one.
 */
import { JWS_HEADER, signJws } from "./jws.js";
import { legacyHeaders } from "./legacy.js";

export type SignatureScheme = "jws" | "sign";

/** Who signs, and how: the client's credentials, and the verifier's for a provider. */
export interface SigningCredentials {
  authId: string;
  secret: string;
  scheme: SignatureScheme;
}

export interface SignableRequest extends SigningCredentials {
  method: string;
  /** Path without host. */
  uri: string;
  body: string | Uint8Array;
}

export function signatureHeaders({ scheme, method, uri, body, authId, secret }: SignableRequest): Record<string, string> {
  if (scheme === "sign") return legacyHeaders(body, authId, secret);
  return { [JWS_HEADER]: signJws({ method, uri, authId, body, secret }) };
}
