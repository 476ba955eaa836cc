/**
 * `fp-giftcards verify` against providers that misbehave (the built CLI, a child process, as
 * CI runs it): a provider that closes the connection at once, answers garbage, stalls, or
 * sends an endless body — fast or slow — ends the run with exit 1 and one line on stderr that
 * says what the provider did, never a stack and never a hang; so does one that stops answering
 * in the middle of the run. With --state-setup-url the states are set up on the simulator and
 * the replays meet the fault; without it, the state setup does. Afterwards the faithful
 * simulator still verifies. `--timeout 2` keeps the stalls short; the vitest timeout is only a
 * ceiling for a hang.
 */
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { runCli } from "../../helpers/cli.js";
import { startHostileProvider, type HostileProvider, type Hostility } from "./hostile-providers.js";
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
const hostiles: HostileProvider[] = [];
beforeAll(async () => {
  mock = await startMock({
    mode: "stateful",
    host: "127.0.0.1",
    port: 0,
    merchants: [{ authId: AUTH_ID, secret: SECRET }],
  });
});
afterAll(async () => {
  await Promise.all(hostiles.map((h) => h.close()));
  await mock.close();
});

async function hostile(hostility: Hostility, healthy = 0): Promise<HostileProvider> {
  const provider = await startHostileProvider(hostility, mock.url, healthy);
  hostiles.push(provider);
  return provider;
}

const REPLAY = "\\(POST /v5/cards/[a-z_]+\\)";
/** What the one line says about each provider, after `the provider at URL (POST …) `. */
const SAID: Record<Hostility, string> = {
  close: "closed the connection without answering \\(ECONNRESET\\)",
  garbage: "answered with something that is not HTTP \\(HPE_[A-Z_]+\\)",
  stall: "did not answer within 2 s",
  endless: "sent more than 1048576 bytes in answer",
  "slow-body": "did not answer within 2 s",
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function expectOneLine(run: { code: number | null; stdout: string; stderr: string }, line: RegExp): void {
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(/^[^\n]*\n$/);
  expect(run.stderr.trimEnd()).toMatch(line);
  expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /); // no stack
  expect(run.stdout + run.stderr).not.toContain(SECRET);
}

describe.concurrent("the states set up on the simulator (--state-setup-url), the replays meet the fault", () => {
  test.each(Object.keys(SAID) as Hostility[])("a provider that does %s", async (hostility) => {
    const { url } = await hostile(hostility);
    const run = await runCli(
      [
        "verify",
        "--pact-dir",
        PACT_DIR,
        "--provider-base-url",
        url,
        "--state-setup-url",
        `${mock.url}/__control/state`,
        "--timeout",
        "2",
      ],
      { env },
    );
    expectOneLine(
      run,
      new RegExp(
        `^fp-giftcards verify: the provider at ${escape(url)} ${REPLAY} ${SAID[hostility]}; the verification stopped there$`,
      ),
    );
  });

  test("a provider that stops answering in the middle of the run", async () => {
    const provider = await hostile("stall", 3);
    const run = await runCli(
      [
        "verify",
        "--pact-dir",
        PACT_DIR,
        "--provider-base-url",
        provider.url,
        "--state-setup-url",
        `${mock.url}/__control/state`,
        "--timeout",
        "2",
      ],
      { env },
    );
    expectOneLine(
      run,
      new RegExp(
        `^fp-giftcards verify: the provider at ${escape(provider.url)} ${REPLAY} did not answer within 2 s; the verification stopped there$`,
      ),
    );
    expect(provider.requests).toBe(4); // three answered, the fourth never, and none after it
  });
});

describe.concurrent("the states set up on the provider itself, which meets the fault first", () => {
  test.each(Object.keys(SAID) as Hostility[])("a provider that does %s", async (hostility) => {
    const { url } = await hostile(hostility);
    const run = await runCli(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", url, "--timeout", "2"], { env });
    expectOneLine(
      run,
      new RegExp(
        `^fp-giftcards verify: cannot set up provider states: the state-setup URL ${escape(url)}/__control/state ${SAID[hostility]}$`,
      ),
    );
  });
});

test("a provider that refuses connections: one line before anything is replayed", async () => {
  const provider = await startHostileProvider("close");
  const url = provider.url;
  await provider.close();
  const run = await runCli(
    ["verify", "--pact-dir", PACT_DIR, "--provider-base-url", url, "--no-state-setup", "--timeout", "2"],
    { env },
  );
  expect(run.code).toBe(1);
  expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(
    `fp-giftcards verify: cannot reach the provider at ${url} (ECONNREFUSED)`,
  );
});

test("afterwards, the faithful simulator still verifies", async () => {
  const run = await runCli(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", mock.url], { env });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
    `${INTERACTIONS} interactions verified against ${mock.url} (states set up by ${mock.url}/__control/state)`,
  );
});

test.each(["0", "-1", "soon", "86401"])("--timeout %s is a usage error", async (value) => {
  const run = await runCli(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", mock.url, "--timeout", value], {
    env,
  });
  expect(run).toEqual({
    code: 2,
    stdout: "",
    stderr: `fp-giftcards verify: --timeout must be a number of seconds above 0 and at most 86400, got ${JSON.stringify(value)}\n`,
  });
});
