import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { toCheckOptions } from "../../src/cli/commands/check.js";
import { toVerifyOptions } from "../../src/cli/commands/verify.js";
import { UsageError } from "../../src/cli/errors.js";
import { resolveVerifyOptions } from "../../src/contracts/verify-options.js";
import { runMain } from "../helpers/cli.js";

const ENV = { FREEDOMPAY_AUTH_ID: "123456", FREEDOMPAY_SECRET: "s3cret" };
const CREDS = { authId: "123456", secret: "s3cret", scheme: "jws" };
const BASE = "http://127.0.0.1:4010";

describe("check flags", () => {
  test.each([
    ["no flags", {}, {}],
    ["--spec --pact-dir", { spec: "a.yaml", pactDir: "pacts" }, { spec: "a.yaml", pactDir: "pacts" }],
  ])("%s", (_name, flags, want) => {
    expect(toCheckOptions(flags)).toEqual(want);
  });
});

describe("verify flags", () => {
  test.each([
    ["the base URL and credentials", { providerBaseUrl: BASE }, ENV, { providerBaseUrl: BASE, credentials: CREDS }],
    [
      "FREEDOMPAY_BASE_URL and FREEDOMPAY_SCHEME",
      {},
      { ...ENV, FREEDOMPAY_BASE_URL: BASE, FREEDOMPAY_SCHEME: "sign" },
      { providerBaseUrl: BASE, credentials: { ...CREDS, scheme: "sign" } },
    ],
    [
      "empty variables count as unset",
      { providerBaseUrl: BASE },
      { ...ENV, FREEDOMPAY_SCHEME: "", PACT_BROKER_BASE_URL: "" },
      { providerBaseUrl: BASE, credentials: CREDS },
    ],
    [
      "--scheme wins over FREEDOMPAY_SCHEME",
      { providerBaseUrl: BASE, scheme: "jws" },
      { ...ENV, FREEDOMPAY_SCHEME: "sign" },
      { providerBaseUrl: BASE, credentials: CREDS },
    ],
    [
      "--pact-dir --state-setup-url --provider",
      { providerBaseUrl: BASE, pactDir: "p", stateSetupUrl: "http://127.0.0.1:9/s", provider: "x" },
      ENV,
      { providerBaseUrl: BASE, credentials: CREDS, pactDir: "p", stateSetupUrl: "http://127.0.0.1:9/s", provider: "x" },
    ],
    [
      "--no-state-setup",
      { providerBaseUrl: BASE, stateSetup: false },
      ENV,
      { providerBaseUrl: BASE, credentials: CREDS, stateSetupUrl: false },
    ],
    [
      "every broker option",
      {
        providerBaseUrl: BASE,
        brokerUrl: "https://broker.example",
        brokerToken: "t",
        providerVersion: "1.2.3",
        providerBranch: "main",
        publish: true,
        enablePending: true,
        includeWipPactsSince: "2026-01-01",
        consumerVersionSelectors: '[{"mainBranch":true}]',
      },
      ENV,
      {
        providerBaseUrl: BASE,
        credentials: CREDS,
        broker: {
          url: "https://broker.example",
          token: "t",
          providerVersion: "1.2.3",
          providerBranch: "main",
          publish: true,
          enablePending: true,
          includeWipPactsSince: "2026-01-01",
          consumerVersionSelectors: [{ mainBranch: true }],
        },
      },
    ],
    [
      "--real-api with a second merchant and a test phone",
      { providerBaseUrl: BASE, realApi: true },
      { ...ENV, FREEDOMPAY_OTHER_AUTH_ID: "7", FREEDOMPAY_OTHER_SECRET: "o", FREEDOMPAY_TEST_PHONE: "+79001234567" },
      {
        providerBaseUrl: BASE,
        credentials: CREDS,
        realApi: { otherCredentials: { authId: "7", secret: "o", scheme: "jws" }, testPhone: "+79001234567" },
      },
    ],
    [
      "FREEDOMPAY_OTHER_* set in the shell do not matter without --real-api",
      { providerBaseUrl: BASE },
      { ...ENV, FREEDOMPAY_OTHER_AUTH_ID: "7" },
      { providerBaseUrl: BASE, credentials: CREDS },
    ],
    [
      "the broker from PACT_BROKER_BASE_URL and PACT_BROKER_TOKEN",
      { providerBaseUrl: BASE },
      { ...ENV, PACT_BROKER_BASE_URL: "https://b.example", PACT_BROKER_TOKEN: "tok" },
      { providerBaseUrl: BASE, credentials: CREDS, broker: { url: "https://b.example", token: "tok" } },
    ],
  ])("%s", (_name, flags, env, want) => {
    expect(toVerifyOptions(flags as never, env)).toEqual(want);
  });

  test.each([
    [
      "no base URL",
      {},
      ENV,
      "--provider-base-url (or FREEDOMPAY_BASE_URL) is required: the provider to verify, e.g. http://127.0.0.1:4010",
    ],
    [
      "a base URL that is not http",
      { providerBaseUrl: "ftp://x" },
      ENV,
      '--provider-base-url must be an http(s) URL, got "ftp://x"',
    ],
    [
      "no credentials",
      { providerBaseUrl: BASE },
      {},
      "FREEDOMPAY_AUTH_ID and FREEDOMPAY_SECRET are not set: every replayed request is re-signed with the provider's credentials",
    ],
    [
      "no secret",
      { providerBaseUrl: BASE },
      { FREEDOMPAY_AUTH_ID: "1" },
      "FREEDOMPAY_SECRET is not set: every replayed request is re-signed with the provider's credentials",
    ],
    [
      "an unknown scheme",
      { providerBaseUrl: BASE },
      { ...ENV, FREEDOMPAY_SCHEME: "rsa" },
      'FREEDOMPAY_SCHEME must be jws or sign, got "rsa"',
    ],
    [
      "a state URL and no state setup",
      { providerBaseUrl: BASE, stateSetup: false, stateSetupUrl: BASE },
      ENV,
      "--state-setup-url and --no-state-setup contradict each other",
    ],
    [
      "a broker option without a broker",
      { providerBaseUrl: BASE, publish: true },
      ENV,
      "--publish needs --broker-url (or PACT_BROKER_BASE_URL)",
    ],
    [
      "--publish without a version",
      { providerBaseUrl: BASE, brokerUrl: "https://b.example", publish: true },
      ENV,
      "--publish needs --provider-version",
    ],
    [
      "a WIP date that is not a date",
      { providerBaseUrl: BASE, brokerUrl: "https://b.example", includeWipPactsSince: "last week" },
      ENV,
      "--include-wip-pacts-since takes a date YYYY-MM-DD, got last week",
    ],
    [
      "selectors that are not a JSON array",
      { providerBaseUrl: BASE, brokerUrl: "https://b.example", consumerVersionSelectors: "mainBranch" },
      ENV,
      `--consumer-version-selectors must be a JSON array of objects, e.g. '[{"mainBranch":true}]'`,
    ],
    [
      "--real-api with a broker",
      { providerBaseUrl: BASE, realApi: true, brokerUrl: "https://b.example" },
      ENV,
      "--real-api verifies local pact files (--pact-dir), not a broker's: fetch them first, or drop --broker-url",
    ],
    [
      "--real-api with a state URL",
      { providerBaseUrl: BASE, realApi: true, stateSetupUrl: BASE },
      ENV,
      "--real-api sets states up through the provider's own operations: drop --state-setup-url",
    ],
    [
      "half a second merchant",
      { providerBaseUrl: BASE, realApi: true },
      { ...ENV, FREEDOMPAY_OTHER_AUTH_ID: "7" },
      "FREEDOMPAY_OTHER_SECRET is not set: another merchant's card needs both FREEDOMPAY_OTHER_AUTH_ID and FREEDOMPAY_OTHER_SECRET",
    ],
    [
      "a test phone that is no phone",
      { providerBaseUrl: BASE, realApi: true },
      { ...ENV, FREEDOMPAY_TEST_PHONE: "call me" },
      'FREEDOMPAY_TEST_PHONE must be a phone number (digits, optionally a leading +), got "call me"',
    ],
    [
      "a timeout of a week",
      { providerBaseUrl: BASE, timeout: "604800" },
      ENV,
      '--timeout must be a number of seconds above 0 and at most 86400, got "604800"',
    ],
  ])("%s → a usage error", (_name, flags, env, message) => {
    expect(() => toVerifyOptions(flags as never, env)).toThrow(new UsageError(message));
  });
});

test("resolveVerifyOptions words its rules in the library's names", () => {
  expect(() =>
    resolveVerifyOptions({ providerBaseUrl: BASE, authId: "1", secret: "s", realApi: true, stateSetup: false }),
  ).toThrow(
    expect.objectContaining({
      name: "VerifyOptionsError",
      message: "realApi sets states up through the provider's own operations: drop stateSetup",
    }),
  );
  expect(() => resolveVerifyOptions({ authId: "1", secret: "s" })).toThrow(
    "providerBaseUrl is required: the provider to verify, e.g. http://127.0.0.1:4010",
  );
});

describe("fp-giftcards verify", () => {
  test("verify without credentials names the variables, in one line", async () => {
    const run = await runMain(["verify", "--provider-base-url", BASE], {
      FREEDOMPAY_AUTH_ID: "",
      FREEDOMPAY_SECRET: "",
    });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "fp-giftcards verify: FREEDOMPAY_AUTH_ID and FREEDOMPAY_SECRET are not set: every replayed request is re-signed with the provider's credentials\n",
    });
  });

  test("npm run verify:sandbox skips, exit 0, without credentials (and never reaches the network)", () => {
    const run = spawnSync(
      process.execPath,
      [fileURLToPath(new URL("../../scripts/verify-sandbox.mjs", import.meta.url))],
      {
        env: { ...process.env, FREEDOMPAY_AUTH_ID: "", FREEDOMPAY_SECRET: "", FREEDOMPAY_BASE_URL: "" },
        encoding: "utf8",
      },
    );
    expect({ code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 0,
      stdout:
        "verify:sandbox SKIPPED: FREEDOMPAY_AUTH_ID and FREEDOMPAY_SECRET are not set (the sandbox credentials; FREEDOMPAY_BASE_URL defaults to https://test-api.freedompay.kz)\n",
      stderr: "",
    });
  });
});
