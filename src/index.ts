/**
 * freedompay-gift-cards: the typed, signing client for the Freedom Pay gift-cards API, the
 * signature functions, and the status constants read from the spec.
 */
export * from "./client/index.js";
export { signJws, signLegacy, signatureHeaders, verifySignature, JWS_HEADER, type SignatureScheme } from "./signing/index.js";
export {
  StatusCode, ErrorStatus, CardStatus, errorStatusName, errorStatusDescription, cardStatusName,
  SPEC_PATH, type ErrorStatusName, type CardStatusName, type Violation,
} from "./openapi/index.js";
export type { paths, components, operations } from "../generated/gift-cards.js";
