export { signJws, jwsHeader, JWS_HEADER, type JwsRequest } from "./jws.js";
export { signLegacy, legacyHeaders, LEGACY_HEADERS } from "./legacy.js";
export { signatureHeaders, type SignatureScheme, type RequestToSign, type Credentials, type SigningCredentials } from "./headers.js";
export { verifySignature, readJwsHeader, type Verification, type ReceivedRequest, type SecretLookup } from "./verify.js";
