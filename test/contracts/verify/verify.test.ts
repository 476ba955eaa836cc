/**
 * Verification of the committed contracts against the stateful simulator (real Pact core,
 * real HTTP on 127.0.0.1, real signatures), and against drifted providers: a proxy in front
 * of the simulator that changes a field's type, drops a field, or answers the wrong status.
 */
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ProviderFault } from "../../../src/upstream/send.js";
import { StateSetupFailed } from "../../../src/contracts/state-setup.js";
import { verifyContracts, type VerifyOptions } from "../../../src/contracts/verify-contracts.js";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { ErrorStatus } from "../../../src/openapi/index.js";
import { closedPort } from "../../helpers/recording-server.js";
import { startDriftProxy, type DriftProxy } from "./drift-proxy.js";
import { CONTRACT, INTERACTIONS, plantInContract } from "./planted.js";

const AUTH_ID = "123456";
const SECRET = randomBytes(24).toString("base64url");
const PACT_DIR = dirname(CONTRACT);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({
    mode: "stateful",
    host: "127.0.0.1",
    port: 0,
    merchants: [{ authId: AUTH_ID, secret: SECRET }],
    auth: true,
  });
});
afterAll(() => mock.close());

function verify(overrides: Partial<VerifyOptions> = {}) {
  return verifyContracts({
    providerBaseUrl: mock.url,
    pactDir: PACT_DIR,
    credentials: { authId: AUTH_ID, secret: SECRET, scheme: "jws" },
    ...overrides,
  });
}

describe("against the stateful simulator", () => {
  test("every interaction passes, each request re-signed (JWS)", async () => {
    expect(await verify()).toEqual({
      ok: true,
      providerBaseUrl: mock.url,
      total: INTERACTIONS,
      expected: INTERACTIONS,
      failures: [],
      pending: [],
      unauthorized: 0,
    });
  });

  test("every interaction passes under the legacy scheme too", async () => {
    expect(await verify({ credentials: { authId: AUTH_ID, secret: SECRET, scheme: "sign" } })).toMatchObject({
      ok: true,
      total: INTERACTIONS,
      failures: [],
    });
  });

  test("with the wrong secret every interaction fails on the provider's 401", async () => {
    const report = await verify({
      credentials: { authId: AUTH_ID, secret: "not-the-providers-secret", scheme: "jws" },
    });
    expect(report).toMatchObject({ ok: false, total: INTERACTIONS, unauthorized: INTERACTIONS });
    expect(report.failures).toHaveLength(INTERACTIONS);
    expect(report.failures[0]!.mismatches).toContainEqual({
      kind: "StatusMismatch",
      path: "status",
      expected: "200",
      actual: "401",
      message: "expected 200 but was 401",
    });
  });

  test("a provider state the provider does not know stops the run with the provider's reason", async () => {
    const dir = plantInContract({
      "a resend request for an unknown card": (i) => (i.providerStates[0].name = "a card {card_id} that was lost"),
    });
    await expect(verify({ pactDir: dir })).rejects.toThrow(StateSetupFailed);
    await expect(verify({ pactDir: dir })).rejects.toThrow(
      `provider state "a card {card_id} that was lost" {"card_id":555} was refused: POST ${mock.url}/__control/state answered HTTP 400: unknown provider state "a card {card_id} that was lost"; known states: `,
    );
  });
});

test("a provider that cannot be reached stops the run before any replay, in one line", async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  await expect(verify({ providerBaseUrl: url, stateSetupUrl: false })).rejects.toThrow(
    new ProviderFault("refused", `cannot reach the provider at ${url} (ECONNREFUSED)`),
  );
});

describe("against drifted providers", () => {
  let proxy: DriftProxy;
  afterAll(() => proxy?.close());

  test("each drift fails its interactions, named with the field and expected vs actual", async () => {
    proxy = await startDriftProxy(mock.url, (path, { httpStatus, body }) => {
      // A changed field type: the new card's id as a string.
      if (path === "/v5/cards/issue_card" && body.status === 0)
        return { httpStatus, body: { ...body, card_id: String(body.card_id) } };
      // A dropped field: no mask in a status answer.
      if (path === "/v5/cards/card_status" && body.status === 0)
        return { httpStatus, body: { ...body, card_mask: undefined } };
      // A wrong status code: an already activated card answered as a wrong OTP.
      if (path === "/v5/cards/activate_card" && body.status === ErrorStatus.CardAlreadyActivated)
        return { httpStatus, body: { ...body, status: ErrorStatus.IncorrectOtp } };
      // A wrong HTTP status.
      if (path === "/v5/cards/product_list") return { httpStatus: 500, body };
      return undefined;
    });
    const report = await verify({ providerBaseUrl: proxy.url, stateSetupUrl: `${mock.url}/__control/state` });
    expect(report.ok).toBe(false);
    expect(report.total).toBe(INTERACTIONS);
    const failed = Object.fromEntries(report.failures.map((f) => [f.interaction, f.mismatches]));
    expect(Object.keys(failed).sort()).toEqual([
      '"a confirm request for an already activated card" (given an activated card {card_id} {"card_id":555})',
      '"a product list request" (given the partner has products and a funded balance)',
      '"a status request for a card awaiting its OTP" (given a card {card_id} awaiting its OTP {otp} {"card_id":555,"otp":"1234"})',
      '"a status request for an activated card" (given an activated card {card_id} {"card_id":555})',
      '"an issue request for a listed product" (given the partner has products and a funded balance)',
    ]);
    const missingMask = {
      kind: "BodyMismatch",
      path: "$",
      message: "Actual map is missing the following keys: card_mask",
    };
    expect(failed).toMatchObject({
      '"an issue request for a listed product" (given the partner has products and a funded balance)': [
        {
          kind: "BodyMismatch",
          path: "$.card_id",
          expected: "555",
          actual: expect.stringMatching(/^"\d+"$/),
          message: expect.stringMatching(/^Expected '\d+' \(String\) to be an integer$/),
        },
      ],
      '"a status request for an activated card" (given an activated card {card_id} {"card_id":555})': [missingMask],
      '"a status request for a card awaiting its OTP" (given a card {card_id} awaiting its OTP {otp} {"card_id":555,"otp":"1234"})':
        [missingMask],
      '"a confirm request for an already activated card" (given an activated card {card_id} {"card_id":555})': [
        {
          kind: "BodyMismatch",
          path: "$.status",
          expected: "-10",
          actual: "-8",
          message: "Expected -8 (Integer) to be equal to -10 (Integer)",
        },
      ],
      '"a product list request" (given the partner has products and a funded balance)': [
        { kind: "StatusMismatch", path: "status", expected: "200", actual: "500", message: "expected 200 but was 500" },
      ],
    });
  });
});
