/**
 * `verify --real-api` end to end against the sandbox-like simulator (`mock --mode stateful
 * --sandbox-like`: no control API, no OTP back channel), with real Pact core, real HTTP on
 * 127.0.0.1 and real signatures: states are set up through the provider's own operations, the
 * new card ids injected; what cannot be set up is listed with why; a drifted upstream and a
 * failing setup call are named; so is a state-setup URL that refuses during the run. One
 * sandbox-like simulator serves every test.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { realApiCounts, verifyContracts, type VerifyOptions } from "../../../src/contracts/verify-contracts.js";
import { readPactDir } from "../../../src/contracts/pact-files.js";
import { REAL_API_STATES } from "../../../src/contracts/real-api-states.js";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { runMain, runNode } from "../../helpers/cli.js";
import { startDriftProxy, type DriftProxy } from "./drift-proxy.js";
import { CONTRACT, INTERACTIONS } from "./planted.js";

const PACT_DIR = dirname(CONTRACT);
const MERCHANT = { authId: "4242", secret: randomBytes(24).toString("base64url") };
const OTHER = { authId: "5353", secret: randomBytes(24).toString("base64url") };
const env = {
  FREEDOMPAY_AUTH_ID: MERCHANT.authId,
  FREEDOMPAY_SECRET: MERCHANT.secret,
  FREEDOMPAY_SCHEME: "",
  FREEDOMPAY_BASE_URL: "",
  PACT_BROKER_BASE_URL: "",
};
const quiet = () => undefined;

let sandbox: RunningMock;
beforeAll(async () => {
  sandbox = await startMock({ mode: "stateful", sandboxLike: true, port: 0, merchants: [MERCHANT, OTHER] });
});
afterAll(() => sandbox.close());

function verify(overrides: Partial<VerifyOptions> = {}) {
  return verifyContracts({
    providerBaseUrl: sandbox.url,
    pactDir: PACT_DIR,
    credentials: { ...MERCHANT, scheme: "jws" },
    realApi: {},
    output: quiet,
    ...overrides,
  });
}

/** The interactions whose states the table says no public operation sets up, or which send the OTP. */
function expectedNotVerifiable(withOtherMerchant: boolean): string[] {
  const [pact] = readPactDir(PACT_DIR);
  return pact!.interactions
    .filter((i) =>
      i.providerStates.some(({ name }) => {
        const entry = REAL_API_STATES[name as keyof typeof REAL_API_STATES];
        if (entry.notVerifiable !== undefined) return true;
        if (name === "a card {card_id} of another merchant") return !withOtherMerchant;
        return i.injected.some((value) => value.params.includes("otp"));
      }),
    )
    .map((i) => i.description)
    .sort();
}

/** A copy of the contract with only these interactions. */
function onlyInteractions(keep: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "fp-real-api-"));
  const pact = JSON.parse(readFileSync(CONTRACT, "utf8")) as { interactions: { description: string }[] };
  pact.interactions = pact.interactions.filter((i) => keep.includes(i.description));
  writeFileSync(join(dir, "two.json"), JSON.stringify(pact));
  return dir;
}

const descriptions = (list: { interaction: string }[]) =>
  list.map((n) => n.interaction.slice(1, n.interaction.indexOf('" ('))).sort();

test("verify:sandbox (verify --real-api) passes against the sandbox-like simulator and lists what it could not verify", async () => {
  const script = fileURLToPath(new URL("../../../scripts/verify-sandbox.mjs", import.meta.url));
  const run = await runNode(script, [], { env: { ...env, FREEDOMPAY_BASE_URL: sandbox.url } });
  expect(run.code, run.stderr).toBe(0);
  const notVerifiable = expectedNotVerifiable(false);
  const verified = INTERACTIONS - notVerifiable.length;
  expect(verified).toBeGreaterThanOrEqual(INTERACTIONS / 2);
  const lines = run.stdout.trimEnd().split("\n");
  expect(lines.at(-1)).toBe(
    `fp-giftcards verify: ${verified} of ${INTERACTIONS} interactions verified against ${sandbox.url}; ${notVerifiable.length} not verifiable on a real API; 0 failed`,
  );
  const listed = lines.filter((line) => line.startsWith("– "));
  expect(listed.map((line) => line.slice(3, line.indexOf('" ('))).sort()).toEqual(notVerifiable);
  expect(listed).toContain(
    '– "a confirm request with the right OTP" (given a card {card_id} awaiting its OTP {otp} {"card_id":555,"otp":"1234"}): not verifiable on a real API: ' +
      "the request sends the state's otp, and the OTP goes by SMS to the cardholder's phone, and a real API has no back channel to read it",
  );
  expect(listed).toContain(
    '– "an issue request while the partner balance is empty" (given the partner balance is empty): not verifiable on a real API: ' +
      "no public operation empties the partner balance (spending it would take real money)",
  );
  expect(run.stdout + run.stderr).not.toContain(MERCHANT.secret);
});

test("with a second merchant's credentials, another merchant's card is set up and verified too", async () => {
  const report = await verify({ realApi: { otherCredentials: { ...OTHER, scheme: "jws" } } });
  const notVerifiable = expectedNotVerifiable(true);
  expect(descriptions(report.notVerifiable!)).toEqual(notVerifiable);
  expect(report).toMatchObject({
    ok: true,
    failures: [],
    interactions: INTERACTIONS,
    total: INTERACTIONS - notVerifiable.length,
  });
  expect(realApiCounts(report)).toEqual({
    verified: INTERACTIONS - notVerifiable.length,
    interactions: INTERACTIONS,
    notVerifiable: notVerifiable.length,
    failed: 0,
  });
});

describe("a drifted sandbox-like upstream: Issue's answer renames card_id", () => {
  let proxy: DriftProxy;
  beforeAll(async () => {
    proxy = await startDriftProxy(sandbox.url, (path, answer) => {
      if (path !== "/v5/cards/issue_card" || answer.body.status !== 0) return undefined;
      const { card_id, ...rest } = answer.body;
      return { ...answer, body: { ...rest, cardId: card_id } };
    });
  });
  afterAll(() => proxy.close());

  test("fails the issue interaction naming the path and both values, and a setup that issues a card names its state and operation", async () => {
    // Two interactions are enough (Pact waits about a second on each failed state change).
    const pactDir = onlyInteractions([
      "an issue request for a listed product",
      "a status request for a card awaiting its OTP",
    ]);
    const report = await verify({ providerBaseUrl: proxy.url, pactDir });
    expect(report.ok).toBe(false);
    const failed = Object.fromEntries(report.failures.map((f) => [f.interaction, f.mismatches]));
    expect(
      failed['"an issue request for a listed product" (given the partner has products and a funded balance)'],
    ).toEqual([
      {
        kind: "BodyMismatch",
        path: "$",
        message: "Actual map is missing the following keys: card_id",
        expected: '["card_id","datetime","status"]',
        actual: '["cardId","datetime","status"]',
      },
    ]);
    const setup = report.failures.filter((f) =>
      f.interaction.includes("(given a card {card_id} awaiting its OTP {otp}"),
    );
    expect(setup).toHaveLength(1);
    for (const failure of setup) {
      expect(failure.mismatches).toEqual([
        {
          kind: "StateSetupFailed",
          path: "provider state",
          message:
            'provider state "a card {card_id} awaiting its OTP {otp}" could not be set up on the real API: issueCard failed: ' +
            'the answer to issueCard breaks the spec: body is missing required field "card_id"; body has unknown field "cardId"',
        },
      ]);
    }
    expect(realApiCounts(report)).toEqual({ verified: 0, interactions: 2, notVerifiable: 0, failed: 2 });
  });
});

describe("verify without --real-api against a provider that has no control API", () => {
  test("the sandbox-like simulator: one line that suggests --real-api", async () => {
    const run = await runMain(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", sandbox.url], env);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `fp-giftcards verify: the provider has no control API for provider states: POST ${sandbox.url}/__control/state answered HTTP 404; ` +
        "start fp-giftcards mock with --mode stateful, or verify a provider you do not control (the sandbox, mock --sandbox-like) with --real-api\n",
    });
  });

  test("the Prism-mode mock: the same line, which names --mode stateful", async () => {
    const prism = await startMock({ mode: "prism", port: 0, merchants: [MERCHANT] });
    try {
      const run = await runMain(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", prism.url], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `POST ${prism.url}/__control/state answered HTTP 404; start fp-giftcards mock with --mode stateful, `,
      );
    } finally {
      await prism.close();
    }
  });
});

test("a state setup that fails during the run is reported in the provider's words, not Pact's", async () => {
  // A state-setup URL that accepts the check before the run, then refuses Pact's own call.
  let calls = 0;
  const states = createServer((req, res) => {
    req.resume().on("end", () => {
      calls++;
      res.writeHead(calls === 1 ? 200 : 400, { "content-type": "application/json" });
      res.end(JSON.stringify(calls === 1 ? {} : { message: "the scene broke" }));
    });
  });
  await new Promise<void>((resolve) => states.listen(0, "127.0.0.1", resolve));
  const stateUrl = `http://127.0.0.1:${(states.address() as AddressInfo).port}/state`;
  try {
    const pactDir = onlyInteractions(["a product list request"]);
    const report = await verify({ pactDir, realApi: undefined, stateSetupUrl: stateUrl });
    expect(report.failures).toEqual([
      {
        interaction: '"a product list request" (given the partner has products and a funded balance)',
        mismatches: [
          {
            kind: "StateSetupFailed",
            path: "provider state",
            message: `provider state "the partner has products and a funded balance" was refused: POST ${stateUrl} answered HTTP 400: the scene broke`,
          },
        ],
      },
    ]);
  } finally {
    states.closeAllConnections();
    await new Promise((resolve) => states.close(resolve));
  }
});
