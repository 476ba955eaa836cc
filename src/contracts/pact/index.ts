/**
 * `freedompay-gift-cards/pact`: Pact V4 consumer tests for the gift-cards API, written from
 * the spec — typed requests, answers by their name in the spec, provider states from the
 * simulator's catalogue. See docs/consumer-ci.md.
 */
export {
  giftCardsPact,
  type GiftCardsPact,
  type GiftCardsPactOptions,
  type GiftCardsOperations,
  type GiftCardsRequest,
  type GiftCardsInteraction,
  type PactTestContext,
  type Overrides,
} from "./builder.js";
export { PROVIDER_STATES, type ProviderStateName, type ProviderStateParams } from "../../provider-states/catalogue.js";
export { PROVIDER_NAME } from "../pact-files.js";
export { MatchersV3 } from "@pact-foundation/pact";
