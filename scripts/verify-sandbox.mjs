#!/usr/bin/env node
// `npm run verify:sandbox [-- extra verify flags]`: replays contracts/ against the real
// Freedom Pay test sandbox with `verify --real-api`. Never part of `npm test` (no internet
// there). Without credentials it skips, exit 0, so CI can run it unconditionally and only
// configured runs reach the sandbox.
//
// The sandbox has no control API, so each interaction's provider state is set up through the
// sandbox's own operations (a fresh card issued per interaction that needs one; its id is
// injected into the replayed request), and what no public operation can set up (an activated
// card, the OTP the holder received, an empty balance, another merchant's card without
// FREEDOMPAY_OTHER_AUTH_ID/_SECRET) is reported "not verifiable on a real API", never passed
// nor failed. docs/sandbox.md, "Verify your contract against the sandbox", tells what it costs.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const DEFAULT_SANDBOX = "https://test-api.freedompay.kz";
const baseUrl = process.env.FREEDOMPAY_BASE_URL || DEFAULT_SANDBOX;
const missing = ["FREEDOMPAY_AUTH_ID", "FREEDOMPAY_SECRET"].filter((name) => !process.env[name]);

if (missing.length > 0) {
  process.stdout.write(
    `verify:sandbox SKIPPED: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set (the sandbox credentials; FREEDOMPAY_BASE_URL defaults to ${DEFAULT_SANDBOX})\n`,
  );
  process.exit(0);
}

const bin = fileURLToPath(new URL("../bin/fp-giftcards.js", import.meta.url));
const contracts = fileURLToPath(new URL("../contracts", import.meta.url));
const run = spawnSync(
  process.execPath,
  [bin, "verify", "--real-api", "--pact-dir", contracts, "--provider-base-url", baseUrl, ...process.argv.slice(2)],
  {
    stdio: "inherit",
    env: { ...process.env, PACT_DO_NOT_TRACK: "true" },
  },
);
process.exit(run.status ?? 1);
