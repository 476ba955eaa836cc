/**
 * This repo's own consumer contract: the name it is written under, where, and the client the
 * tests drive against Pact's mock server. The signing secret is random per run; the signature
 * header is matched by shape only, so the pact file stays byte-identical between runs, and a
 * test can prove the secret never lands in it.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { createGiftCardsClient, type GiftCardsClient } from "../../../src/client/index.js";
import { giftCardsPact } from "../../../src/contracts/pact/index.js";
import { PROVIDER_NAME } from "../../../src/contracts/pact-files.js";
import { PACKAGE_ROOT } from "../../../src/openapi/index.js";

export const CONSUMER = "fp-giftcards-client";
/** `FP_GIFTCARDS_PACT_DIR` redirects the output (the determinism test writes to a temp dir). */
export const PACT_DIR = process.env.FP_GIFTCARDS_PACT_DIR ?? join(PACKAGE_ROOT, "contracts");
export const PACT_FILE = join(PACT_DIR, `${CONSUMER}-${PROVIDER_NAME}.json`);

export const AUTH_ID = "123456";
export const TEST_SECRET = randomBytes(24).toString("base64url");

export const pact = giftCardsPact({ consumer: CONSUMER, dir: PACT_DIR, authId: AUTH_ID });

/** A run starts from an empty file: renamed or removed interactions must not linger. */
export function clearPactFile(): void {
  rmSync(PACT_FILE, { force: true });
}

export function clientFor(url: string): GiftCardsClient {
  return createGiftCardsClient({ baseUrl: url, authId: AUTH_ID, secret: TEST_SECRET });
}
