/**
 * `fp-giftcards verify` never passes without having checked: a pact with no interaction, a
 * pact written for another provider, a file that is not a pact, or no pact at all is an
 * error in one line (exit 1), before any request leaves; and a provider that refuses every
 * signature is a failure that says to check the credentials.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { runMain } from "../../helpers/cli.js";
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
beforeAll(async () => {
  mock = await startMock({
    mode: "stateful",
    host: "127.0.0.1",
    port: 0,
    merchants: [{ authId: AUTH_ID, secret: SECRET }],
  });
});
afterAll(() => mock.close());

/** A pact dir holding one file with this text. */
function pactDir(text: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "fp-verify-input-"));
  if (text !== undefined) writeFileSync(join(dir, "pact.json"), text);
  return dir;
}

const committed = () =>
  JSON.parse(readFileSync(CONTRACT, "utf8")) as { provider: { name: string }; interactions: unknown[] };

describe("pacts that could only pass without checking anything are errors", () => {
  test.each<[string, string | undefined, (dir: string) => string]>([
    [
      "a pact with no interaction",
      JSON.stringify({ ...committed(), interactions: [] }),
      (dir) => `${dir}/pact.json has no interactions: there is nothing to verify`,
    ],
    [
      "a pact for another provider",
      JSON.stringify({ ...committed(), provider: { name: "another-api" } }),
      (dir) => `${dir}/pact.json is a pact for provider "another-api", not "freedompay-gift-cards"`,
    ],
    [
      "a file that holds null",
      "null",
      (dir) => `${dir}/pact.json is not a pact file: a JSON object whose "interactions" is a list of objects`,
    ],
    [
      "interactions that are not objects",
      JSON.stringify({ ...committed(), interactions: [1, 2] }),
      (dir) => `${dir}/pact.json is not a pact file: a JSON object whose "interactions" is a list of objects`,
    ],
    ["no pact file at all", undefined, (dir) => `no pact files (*.json) in ${dir}`],
  ])("%s", async (_name, text, message) => {
    const dir = pactDir(text);
    const run = await runMain(["verify", "--provider-base-url", mock.url, "--pact-dir", dir], env);
    expect(run).toEqual({ code: 1, stdout: "", stderr: `fp-giftcards verify: ${message(dir)}\n` });
  });
});

test("a provider that refuses every signature: every interaction fails, and the line says to check the credentials", async () => {
  const run = await runMain(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", mock.url], {
    ...env,
    FREEDOMPAY_SECRET: "not-the-providers-secret",
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    `fp-giftcards verify: ${INTERACTIONS} of ${INTERACTIONS} interactions failed against ${mock.url}; the provider refused ${INTERACTIONS} replayed requests with HTTP 401: check FREEDOMPAY_AUTH_ID, FREEDOMPAY_SECRET and the scheme (--scheme or FREEDOMPAY_SCHEME)\n`,
  );
});

test("the right credentials pass, every interaction replayed", async () => {
  const run = await runMain(["verify", "--pact-dir", PACT_DIR, "--provider-base-url", mock.url], env);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
    `${INTERACTIONS} interactions verified against ${mock.url} (states set up by ${mock.url}/__control/state)`,
  );
});
