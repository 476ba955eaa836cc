/**
 * Pact V4 interactions for this API, written from the spec: the consumer names a provider
 * state from the catalogue, an operation with its (typed) request body, and the answer by its
 * name in the spec — "success" or a business status such as "IncorrectOtp". The answer's body
 * comes from the spec's named example with matchers derived from its schema; the signature
 * header is matched by its shape (the verifier re-signs every request); the provider name is
 * this API's. Every interaction starts from a provider state, because the simulator resets on
 * each one: an interaction without a state would replay against whatever the last one left.
 *
 * A request field that carries one of its state's params (the same name and value, e.g. the
 * `card_id` of "an activated card {card_id}") is written as Pact's provider-state injected
 * value, `fromProviderState("${card_id}", 555)`: the contract still records 555, so it stays
 * deterministic, and a verifier replays the id its state setup answered — the simulator's
 * (the same 555) or a real API's, whose card ids are its own (`verify --real-api`). A field
 * that differs from the param on purpose (a wrong OTP) stays a literal.
 */
import { randomBytes } from "node:crypto";
import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import {
  createGiftCardsClient,
  jwsHeader,
  LEGACY_HEADERS,
  type AnswerName,
  type BusinessErrorBody,
  type GiftCardsClient,
  type OperationId,
  type RequestBody,
  type SignatureScheme,
  type SuccessBody,
} from "freedompay-gift-cards-client";
import { loadSpec } from "../../openapi/load.js";
import { specOperations, type SpecOperation } from "../../openapi/operations.js";
import { DEFAULT_PACT_DIR, PROVIDER_NAME } from "../pact-files.js";
import {
  MERCHANT_PARAM,
  stateProblem,
  type ProviderStateName,
  type StateArgs,
} from "../../provider-states/catalogue.js";
import { answerMatchers } from "./matchers.js";

const { fromProviderState, regex } = MatchersV3;

export interface GiftCardsPactOptions {
  /** Your app's name in the contract. */
  consumer: string;
  /** Where the pact file is written; default `pacts` (where check, coverage and verify look). */
  dir?: string;
  /** The merchant id the test client signs as (never a real secret: the verifier re-signs); default `123456`. */
  authId?: string;
  /** The signature scheme your app uses; default `jws`. */
  scheme?: SignatureScheme;
  /** Pact's own log level; default `error`. */
  logLevel?: "error" | "warn" | "info" | "debug" | "trace";
}

/** A field's exact value, or a Pact matcher of your own. */
export type Overrides<T> = { [K in keyof T]?: T[K] | MatchersV3.Matcher<unknown> };

export interface PactTestContext {
  /** Pact's mock server, e.g. to point your own code at. */
  url: string;
  /** A client pointed at Pact's mock server, signing like your app does. */
  client: GiftCardsClient;
}

export interface GiftCardsInteraction {
  /** Runs your test against Pact's mock server, then records the interaction (Pact's `executeTest`). */
  executeTest<T>(test: (context: PactTestContext) => Promise<T>): Promise<T | undefined>;
}

export interface GiftCardsRequest<Op extends OperationId> {
  /** The spec's success example for this operation, fields matched by their schema. */
  answers(outcome: "success", overrides?: Overrides<SuccessBody<Op>>): GiftCardsInteraction;
  /**
   * The spec's example of one of this operation's documented business statuses (e.g. "IncorrectOtp"
   * for activateCard; generated from the spec, so a status the operation never answers does not compile), its `status` exact.
   */
  answers(outcome: Exclude<AnswerName<Op>, "success">, overrides?: Overrides<BusinessErrorBody>): GiftCardsInteraction;
}

/** One builder per operation: the interaction's description, then the request body it sends. */
export type GiftCardsOperations = {
  [Op in OperationId]: (description: string, body: RequestBody<Op>) => GiftCardsRequest<Op>;
};

export interface GiftCardsPact {
  /** The provider state the interaction is replayed in, from the catalogue the simulator serves. */
  given<S extends ProviderStateName>(state: S, ...params: StateArgs<S>): GiftCardsOperations;
}

/** A detached JWS: base64url header, empty payload, base64url signature. */
const JWS_SHAPE = "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$";
const RESPONSE_HEADERS = { "Content-Type": regex("^application/json(;.*)?$", "application/json") };

/** What the client sends besides the body: the content type, and the signature headers by shape. */
function requestHeaders(
  path: string,
  authId: string,
  scheme: SignatureScheme,
): Record<string, string | MatchersV3.Matcher<string>> {
  if (scheme === "sign") {
    return {
      "Content-Type": "application/json",
      [LEGACY_HEADERS.sign]: regex("^[0-9a-f]{64}$", "0".repeat(64)),
      [LEGACY_HEADERS.authId]: regex("^.+$", authId),
      [LEGACY_HEADERS.requestId]: regex("^.+$", "00000000-0000-4000-8000-000000000000"),
    };
  }
  // A real JWS header for this path (no secret in it) and a placeholder signature.
  const header = Buffer.from(jwsHeader({ method: "POST", uri: path, authId })).toString("base64url");
  return {
    "Content-Type": "application/json",
    "X-JWS-Signature": regex(JWS_SHAPE, `${header}..re-signed-by-the-verifier`),
  };
}

/**
 * The request body with each field that carries a state param turned into an injected value
 * (top-level fields: this API's requests are flat).
 * @example
 * injectStateParams({ card_id: 555, otp: "0000" }, { card_id: 555, otp: "1234" });
 * // { card_id: fromProviderState("${card_id}", 555), otp: "0000" }
 */
export function injectStateParams(body: unknown, params: Record<string, unknown> = {}): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const param =
      name !== MERCHANT_PARAM &&
      Object.hasOwn(params, name) &&
      params[name] === value &&
      value !== null &&
      typeof value !== "object";
    out[name] = param ? fromProviderState(`\${${name}}`, value) : value;
  }
  return out;
}

/**
 * @example
 * const pact = giftCardsPact({ consumer: "my-app" });
 * await pact
 *   .given("a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" })
 *   .activateCard("a confirm request with a wrong OTP", { card_id: 555, otp: "0000" })
 *   .answers("IncorrectOtp")
 *   .executeTest(async ({ client }) => {
 *     const res = await client.activateCard({ card_id: 555, otp: "0000" });
 *     expect(res).toMatchObject({ ok: false, error: { name: "IncorrectOtp" } });
 *   });
 */
export function giftCardsPact(options: GiftCardsPactOptions): GiftCardsPact {
  const { consumer, dir = DEFAULT_PACT_DIR, authId = "123456", scheme = "jws", logLevel = "error" } = options;
  const spec = loadSpec();
  // Signs only what goes to Pact's mock server; never recorded (headers are matched by shape).
  const secret = randomBytes(24).toString("base64url");

  function interaction(
    state: string,
    params: Record<string, unknown> | undefined,
    operation: SpecOperation,
    description: string,
    body: unknown,
    outcome: string,
    overrides?: object,
  ): GiftCardsInteraction {
    const example = operation.examples[outcome] as Record<string, unknown> | undefined;
    if (!example)
      throw new Error(
        `${operation.operationId} has no answer "${outcome}" in the spec; it has: ${Object.keys(operation.examples).join(", ")}`,
      );
    const answer = answerMatchers(
      spec,
      outcome === "success" ? operation.successRef : operation.errorRef,
      example,
      overrides as Record<string, unknown>,
    );
    const pending = new PactV4({ consumer, provider: PROVIDER_NAME, dir, logLevel })
      .addInteraction()
      .given(state, params as never)
      .uponReceiving(description)
      .withRequest("POST", operation.path, (req) =>
        req.headers(requestHeaders(operation.path, authId, scheme)).jsonBody(injectStateParams(body, params)),
      )
      .willRespondWith(200, (res) => res.headers(RESPONSE_HEADERS).jsonBody(answer));
    return {
      executeTest: (test) =>
        pending.executeTest(({ url }) =>
          test({ url, client: createGiftCardsClient({ baseUrl: url, authId, secret, scheme }) }),
        ),
    };
  }

  return {
    given(state, ...[params]) {
      // Checked at run time too, for callers without the types (plain JS, a state read from a file).
      const problem = stateProblem(state, params);
      if (problem) throw new Error(problem);
      const operations: Record<string, unknown> = {};
      for (const operation of specOperations(spec).values()) {
        operations[operation.operationId] = (description: string, body: unknown) => ({
          answers: (outcome: string, overrides?: object) =>
            interaction(state, params, operation, description, body, outcome, overrides),
        });
      }
      return operations as GiftCardsOperations;
    },
  };
}
