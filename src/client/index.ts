export { createGiftCardsClient, DEFAULT_TIMEOUT_MS, type GiftCardsClient, type GiftCardsClientOptions } from "./create-client.js";
export type { GiftCardsResult, GiftCardsError, GiftCardsErrorKind, OperationId, RequestBody, SuccessBody, BusinessErrorBody } from "./types.js";
