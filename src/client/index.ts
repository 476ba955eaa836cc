/**
 * freedompay-gift-cards-client: the runtime a production app carries. The signing, validating
 * client for the Freedom Pay gift-cards API, the signature functions, the status constants and
 * names, and the types, all generated from the spec; it parses no YAML and compiles no schema.
 */
export { createGiftCardsClient, type GiftCardsClient, type GiftCardsClientOptions } from "./create-client.js";
export { DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLarge } from "./guards.js";
export type {
  GiftCardsResult,
  GiftCardsError,
  GiftCardsErrorKind,
  OperationId,
  RequestBody,
  SuccessBody,
  BusinessErrorBody,
  AnswerName,
} from "./types.js";
export type { Violation } from "./violations.js";
export {
  StatusCode,
  ErrorStatus,
  CardStatus,
  errorStatusName,
  errorStatusDescription,
  cardStatusName,
  type ErrorStatusName,
  type CardStatusName,
} from "./statuses.js";
export { signJws, jwsHeader, JWS_HEADER, JWS_ALGORITHMS, type JwsRequest, type JwsAlgorithm } from "../signing/jws.js";
export { signLegacy, LEGACY_HEADERS } from "../signing/legacy.js";
export {
  signatureHeaders,
  type SignatureScheme,
  type RequestToSign,
  type Credentials,
  type SigningCredentials,
} from "../signing/headers.js";
export {
  verifySignature,
  readJwsHeader,
  claimedAuthId,
  type Verification,
  type ReceivedRequest,
  type SecretLookup,
} from "../signing/verify-signature.js";
export { explainRefusal, bodyFingerprint } from "../signing/explain.js";
export type { paths, components, operations } from "../../generated/gift-cards.js";
