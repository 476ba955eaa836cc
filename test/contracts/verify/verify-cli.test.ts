/**
 * `fp-giftcards verify` as a user runs it (the built CLI, a child process): Pact's own report
 * reaches stdout, then ours (interaction, path, expected vs actual), then one summary line on
 * stderr and a non-zero exit. The secret never appears in any of it.
 */
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { runCli } from "../../helpers/cli.js";
import { startDriftProxy, type DriftProxy } from "./drift-proxy.js";
import { CONTRACT, INTERACTIONS } from "./planted.js";

/** This repo keeps its contract in contracts/ and passes it (the default is a consumer's pacts/). */
const PACT_DIR = dirname(CONTRACT);
const AUTH_ID = "4242";
const SECRET = randomBytes(24).toString("base64url");
const env = {
  FREEDOMPAY_AUTH_ID: AUTH_ID,
  FREEDOMPAY_SECRET: SECRET,
  FREEDOMPAY_SCHEME: "",
  FREEDOMPAY_BASE_URL: "",
  PACT_BROKER_BASE_URL: "",
};

let mock: RunningMock;
let proxy: DriftProxy;
beforeAll(async () => {
  mock = await startMock({
    mode: "stateful",
    host: "127.0.0.1",
    port: 0,
    merchants: [{ authId: AUTH_ID, secret: SECRET }],
    auth: true,
  });
  // Drift: a card's balance answered as a string.
  proxy = await startDriftProxy(mock.url, (path, answer) =>
    path === "/v5/cards/card_status" && answer.body.status === 0
      ? { ...answer, body: { ...answer.body, card_balance: String(answer.body.card_balance) } }
      : undefined,
  );
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
});

test("fails against a drifted provider, naming interaction, field, expected and actual", async () => {
  const run = await runCli(
    [
      "verify",
      "--pact-dir",
      PACT_DIR,
      "--provider-base-url",
      proxy.url,
      "--state-setup-url",
      `${mock.url}/__control/state`,
    ],
    { env },
  );
  expect(run.code).toBe(1);
  const ours = run.stdout.slice(run.stdout.indexOf("\nFailed interactions:\n"));
  expect(ours).toBe(
    [
      "",
      "Failed interactions:",
      '✗ "a status request for a card awaiting its OTP" (given a card {card_id} awaiting its OTP {otp} {"card_id":555,"otp":"1234"})',
      "    $.card_balance: Expected '0' (String) to be an integer (expected 100, actual \"0\")",
      '✗ "a status request for an activated card" (given an activated card {card_id} {"card_id":555})',
      "    $.card_balance: Expected '50' (String) to be an integer (expected 100, actual \"50\")",
      "",
    ].join("\n"),
  );
  expect(run.stdout).toContain("Verifying a pact between"); // Pact's own report came first
  expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
    `fp-giftcards verify: 2 of ${INTERACTIONS} interactions failed against ${proxy.url}`,
  );
  expect(run.stdout + run.stderr).not.toContain(SECRET);
});
