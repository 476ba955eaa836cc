/**
 * What every consumer interaction shares: the pact (names, output file), the client pointed at
 * Pact's mock server, the request headers the client sends, and matchers built from the spec's
 * own patterns — so a contract is neither looser nor stricter than the spec.
 *
 * The signing secret is random per run: the signature header is matched by shape only, so the
 * pact file stays byte-identical between runs, and a test can prove the secret never lands in it.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { MatchersV3, PactV4 } from "@pact-foundation/pact";
import { createGiftCardsClient, type GiftCardsClient } from "../../../src/client/index.js";
import { PROVIDER_NAME } from "../../../src/contracts/pact-files.js";
import { jwsHeader } from "../../../src/signing/jws.js";
import { loadSpec, PACKAGE_ROOT, specOperations } from "../../../src/openapi/index.js";

export const CONSUMER = "fp-giftcards-client";
// The name `fp-giftcards verify` verifies (and publishes) under: one definition, in src/contracts.
export const PROVIDER = PROVIDER_NAME;
/** `FP_GIFTCARDS_PACT_DIR` redirects the output (the determinism test writes to a temp dir). */
export const PACT_DIR = process.env.FP_GIFTCARDS_PACT_DIR ?? join(PACKAGE_ROOT, "contracts");
export const PACT_FILE = join(PACT_DIR, `${CONSUMER}-${PROVIDER}.json`);

export const AUTH_ID = "123456";
export const TEST_SECRET = randomBytes(24).toString("base64url");

const { regex, integer } = MatchersV3;
const schemas = loadSpec().components.schemas;
const pattern = (name: string): string => schemas[name]!.pattern as string;
const example = (name: string): string => (schemas[name]!.examples as string[])[0]!;

/** `datetime`, `card_currency`/`currency` and `card_mask`, each by the spec's own pattern. */
export const datetime = () => regex(pattern("Datetime"), example("Datetime"));
export const currency = () => regex(pattern("Currency"), example("Currency"));
export const cardMask = () => regex(pattern("CardMask"), example("CardMask"));
export { integer };

/** A detached JWS: base64url header, empty payload, base64url signature. */
const JWS_SHAPE = "^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$";

type Body = Record<string, unknown>;

/** The operation's path, the spec's example request body and its example success answer. */
export function operation(operationId: string): { path: string; request: Body; success: Body } {
  const op = specOperations().get(operationId);
  if (!op) throw new Error(`the spec has no operation ${operationId}`);
  const item = loadSpec().paths[op.path]!.post as { requestBody: { content: { "application/json": { examples: { request: { value: Body } } } } } };
  return { path: op.path, request: item.requestBody.content["application/json"].examples.request.value, success: op.examples.success as Body };
}

/**
 * The headers the client sends. The signature's example is a real JWS header for this path
 * (no secret in it) and a placeholder signature: the verifier re-signs every replayed request.
 */
export function requestHeaders(path: string) {
  const header = Buffer.from(jwsHeader({ method: "POST", uri: path, authId: AUTH_ID })).toString("base64url");
  return {
    "Content-Type": "application/json",
    "X-JWS-Signature": regex(JWS_SHAPE, `${header}..re-signed-by-the-verifier`),
  };
}

export const responseHeaders = { "Content-Type": regex("^application/json(;.*)?$", "application/json") };

export function newPact(): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: "error" });
}

/** A run starts from an empty file: renamed or removed interactions must not linger. */
export function clearPactFile(): void {
  rmSync(PACT_FILE, { force: true });
}

export function clientFor(url: string): GiftCardsClient {
  return createGiftCardsClient({ baseUrl: url, authId: AUTH_ID, secret: TEST_SECRET });
}

/** The provider states, exactly as the stateful simulator names them (params in braces). */
export const STATE = {
  funded: "the partner has products and a funded balance",
  awaitingOtp: "a card {card_id} awaiting its OTP {otp}",
  activated: "an activated card {card_id}",
  noCard: "no card {card_id} exists",
  emptyBalance: "the partner balance is empty",
  otherMerchant: "a card {card_id} of another merchant",
} as const;
