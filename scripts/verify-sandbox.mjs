#!/usr/bin/env node
// `npm run verify:sandbox [-- extra verify flags]`: replays contracts/ against the real
// Freedom Pay test sandbox. Never part of `npm test` (no internet there). Without credentials
// it skips, exit 0, so CI can run it unconditionally and only configured runs reach the sandbox.
//
// The sandbox has no /__control/state, so provider states cannot be set up there: the run uses
// --no-state-setup (unless --state-setup-url is passed), and interactions that depend on a state
// (a card awaiting its OTP, an activated card, an empty balance, another merchant's card) will
// likely fail. Those that depend on none (products, issue-request validation) are the signal.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const DEFAULT_SANDBOX = "https://test-api.freedompay.kz";
const baseUrl = process.env.FREEDOMPAY_BASE_URL || DEFAULT_SANDBOX;
const missing = ["FREEDOMPAY_AUTH_ID", "FREEDOMPAY_SECRET"].filter((name) => !process.env[name]);

if (missing.length > 0) {
  process.stdout.write(`verify:sandbox SKIPPED: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set (the sandbox credentials; FREEDOMPAY_BASE_URL defaults to ${DEFAULT_SANDBOX})\n`);
  process.exit(0);
}

const extra = process.argv.slice(2);
const stateFlags = extra.some((arg) => arg.startsWith("--state-setup-url")) ? [] : ["--no-state-setup"];
const bin = fileURLToPath(new URL("../bin/fp-giftcards.js", import.meta.url));
const run = spawnSync(process.execPath, [bin, "verify", "--provider-base-url", baseUrl, ...stateFlags, ...extra], {
  stdio: "inherit",
  env: { ...process.env, PACT_DO_NOT_TRACK: "true" },
});
process.exit(run.status ?? 1);
