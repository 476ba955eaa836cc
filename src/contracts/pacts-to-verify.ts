/**
 * The local pact files `verify` replays, refused when verifying them could only pass without
 * checking anything: a pact with no interaction, or a pact written for another provider (its
 * requests were never meant for this API). Zero work done is a failure, never a pass.
 */
import { readPactDir, type PactFile } from "./pact-files.js";

/** Pact files that exist but cannot be verified against this provider: the user's to fix. */
export class PactsUnusable extends Error {
  override name = "PactsUnusable";
}

/**
 * @example
 * pactsToVerify("contracts", "freedompay-gift-cards").map((p) => p.interactions.length); // [21]
 */
export function pactsToVerify(dir: string, provider: string): PactFile[] {
  const pacts = readPactDir(dir);
  for (const pact of pacts) {
    if (pact.provider !== provider) {
      throw new PactsUnusable(`${pact.path} is a pact for provider ${JSON.stringify(pact.provider)}, not ${JSON.stringify(provider)} (--provider names the provider verified)`);
    }
    if (pact.interactions.length === 0) throw new PactsUnusable(`${pact.path} has no interactions: there is nothing to verify`);
  }
  return pacts;
}
