/**
 * How each provider state of the catalogue is set up on a real API — one we do not control,
 * like Freedom Pay's sandbox — through its own public operations (`verify --real-api`), and
 * which states cannot be set up there at all, with why.
 *
 * Why this shape: a real API has no control API, so the only honest scenes are those its own
 * operations can build — a fresh card issued for every interaction (nothing depends on another
 * interaction, or on their order) — and the values that scene produced (the new card's id) are
 * handed to Pact, which injects them where the contract wrote `fromProviderState("${card_id}", …)`.
 * What no public operation can produce (the OTP the cardholder received by SMS, an empty partner
 * balance) is said so, per interaction, never passed and never failed. The type below makes every
 * state of the catalogue carry either a setup routine or its "not verifiable" reason.
 */
import type { GiftCardsClient, GiftCardsError, OperationId } from "freedompay-gift-cards-client";
import type { PROVIDER_STATES, ProviderStateName } from "../provider-states/catalogue.js";

type Catalogue = typeof PROVIDER_STATES;

/** What a setup routine works with, for one run. */
export interface RealApiContext {
  /** The provider's client, signing as the merchant being verified (FREEDOMPAY_AUTH_ID). */
  client: GiftCardsClient;
  /** Another merchant's client (FREEDOMPAY_OTHER_AUTH_ID / _SECRET), when given. */
  otherClient?: GiftCardsClient;
  /** Who a fresh card is issued to, and which product: the contract's, the phone maybe FREEDOMPAY_TEST_PHONE. */
  holder: { cardholder_name: string; phone: number | string; product_code: number };
  /** The card ids this run's issues returned (an id for "no card" is none of them). */
  issued: Set<number>;
}

/** The values a routine produced, by the state's param names. */
export type StateValues<S extends ProviderStateName> = { -readonly [P in keyof Catalogue[S]]?: number | string };

/** A state a real API's public operations can set up. */
export interface RealApiSetup<S extends ProviderStateName> {
  /** Why the routine cannot give a param's value: an interaction that injects it is not verifiable. */
  cannotGive?: { readonly [P in keyof Catalogue[S]]?: string };
  /** Why the routine cannot run with what this run was given (e.g. no second merchant); else undefined. */
  unavailable?(context: Omit<RealApiContext, "issued">): string | undefined;
  setUp(context: RealApiContext): Promise<StateValues<S>>;
  notVerifiable?: never;
}

/** A state no public operation can set up: every interaction in it is reported with this reason. */
export interface NotVerifiable {
  notVerifiable: string;
  setUp?: never;
}

/** A call of the provider's own operations, made while setting a state up, failed. */
export class RealApiCallFailed extends Error {
  override name = "RealApiCallFailed";
  constructor(
    readonly operationId: OperationId,
    readonly error: GiftCardsError,
  ) {
    super(`${operationId} failed: ${error.message}`);
  }
}

type Result<T> = { ok: true; data: T } | { ok: false; error: GiftCardsError };

async function call<T>(operationId: OperationId, result: Promise<Result<T>>): Promise<T> {
  const res = await result;
  if (!res.ok) throw new RealApiCallFailed(operationId, res.error);
  return res.data;
}

const OTP_BY_SMS = "the OTP goes by SMS to the cardholder's phone, and a real API has no back channel to read it";

const BANK_FAILURE = "a bank failure cannot be caused through the public API (the simulator injects it as a fault)";

/** Issues a fresh card for the holder: the one way a real API makes a card. */
async function freshCard(client: GiftCardsClient, context: RealApiContext): Promise<number> {
  const { card_id } = await call(
    "issueCard",
    client.issueCard({ ...context.holder } as Parameters<GiftCardsClient["issueCard"]>[0]),
  );
  context.issued.add(card_id);
  return card_id;
}

/** Far above the ids a sandbox hands out, and none this run's issues returned. */
function unusedCardId(issued: Set<number>): number {
  let id: number;
  do id = 900_000_000_000 + Math.floor(Math.random() * 99_999_999_999);
  while (issued.has(id));
  return id;
}

/**
 * Every state of the catalogue: a routine, or why none can exist.
 * @example
 * const entry = REAL_API_STATES["no card {card_id} exists"];
 * if (entry.setUp) await entry.setUp(context); // { card_id: 900…}
 */
export const REAL_API_STATES: { readonly [S in ProviderStateName]: RealApiSetup<S> | NotVerifiable } = {
  // Products and funds are the partner's standing; nothing to create (an unfunded partner fails the issue interaction, as it should).
  "the partner has products and a funded balance": { setUp: async () => ({}) },
  "a card {card_id} awaiting its OTP {otp}": {
    cannotGive: { otp: OTP_BY_SMS },
    setUp: async (context) => ({ card_id: await freshCard(context.client, context) }),
  },
  "an activated card {card_id}": {
    notVerifiable: `activating a card needs its OTP, and ${OTP_BY_SMS}`,
  },
  "no card {card_id} exists": {
    setUp: async ({ issued }) => ({ card_id: unusedCardId(issued) }),
  },
  "the partner balance is empty": {
    notVerifiable: "no public operation empties the partner balance (spending it would take real money)",
  },
  "a card {card_id} of another merchant": {
    unavailable: ({ otherClient }) =>
      otherClient
        ? undefined
        : "it needs a second merchant's credentials: set FREEDOMPAY_OTHER_AUTH_ID and FREEDOMPAY_OTHER_SECRET",
    setUp: async (context) => ({ card_id: await freshCard(context.otherClient!, context) }),
  },
  "the bank fails to issue cards": { notVerifiable: BANK_FAILURE },
  "a card {card_id} awaiting its OTP {otp} that the bank fails to activate": { notVerifiable: BANK_FAILURE },
};

/** The entry of a state, typed loosely for callers that hold a name read from a pact. */
export function realApiEntry(state: ProviderStateName): RealApiSetup<ProviderStateName> | NotVerifiable {
  return REAL_API_STATES[state] as RealApiSetup<ProviderStateName> | NotVerifiable;
}
