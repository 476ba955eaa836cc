export { signJws, jwsHeader, JWS_HEADER, JWS_ALGORITHMS, type JwsRequest, type JwsAlgorithm } from "./jws.js";
export { signLegacy, legacyHeaders, LEGACY_HEADERS } from "./legacy.js";
export {
  signatureHeaders,
  type SignatureScheme,
  type RequestToSign,
  type Credentials,
  type SigningCredentials,
} from "./headers.js";
export {
  verifySignature,
  readJwsHeader,
  claimedAuthId,
  type Verification,
  type ReceivedRequest,
  type SecretLookup,
} from "./verify-signature.js";
export { explainRefusal, bodyFingerprint } from "./explain.js";
