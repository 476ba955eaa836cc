/**
 * One default pact folder, `pacts`: where giftCardsPact writes (a consumer's convention) is where
 * check, coverage and verify look when no --pact-dir is given (the built CLI, run in a consumer's
 * folder); a folder that is not there is a usage error naming --pact-dir.
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { runCli } from "../../helpers/cli.js";
import { CONTRACT, INTERACTIONS } from "./planted.js";

const MERCHANT = { authId: "4242", secret: randomBytes(24).toString("base64url") };
const env = {
  FREEDOMPAY_AUTH_ID: MERCHANT.authId,
  FREEDOMPAY_SECRET: MERCHANT.secret,
  FREEDOMPAY_SCHEME: "",
  FREEDOMPAY_BASE_URL: "",
  PACT_BROKER_BASE_URL: "",
};

/** A consumer's folder, the contract where the builders write it. */
const consumer = mkdtempSync(join(tmpdir(), "fp-consumer-"));
mkdirSync(join(consumer, "pacts"));
copyFileSync(CONTRACT, join(consumer, "pacts", basename(CONTRACT)));
const empty = mkdtempSync(join(tmpdir(), "fp-empty-"));

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ mode: "stateful", port: 0, merchants: [MERCHANT] });
});
afterAll(() => mock.close());

test("check, coverage and verify find the builders' contract with no --pact-dir", async () => {
  const check = await runCli(["check"], { cwd: consumer });
  expect(check.stdout.trimEnd().split("\n").at(-1)).toBe(
    `${INTERACTIONS} interactions in 1 pact file agree with the spec`,
  );
  expect((await runCli(["coverage"], { cwd: consumer })).code).toBe(0);
  const verify = await runCli(["verify", "--provider-base-url", mock.url], { cwd: consumer, env });
  expect(verify.code, verify.stderr).toBe(0);
});

test.each(["check", "coverage"])("%s without a pacts folder is a usage error naming --pact-dir", async (command) => {
  expect(await runCli([command], { cwd: empty })).toEqual({
    code: 2,
    stdout: "",
    stderr: `fp-giftcards ${command}: the pact directory pacts does not exist (the default, where giftCardsPact writes): run the consumer tests first, or give the folder with --pact-dir DIR\n`,
  });
});
