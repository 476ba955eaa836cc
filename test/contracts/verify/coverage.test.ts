/**
 * `fp-giftcards coverage` over the committed contracts: all six operations with the outcomes
 * the spec documents for each, every interaction counted once, what none exercises named.
 */
import { dirname } from "node:path";
import { expect, test } from "vitest";
import { contractCoverage } from "../../../src/contracts/coverage.js";
import { readPactDir } from "../../../src/contracts/pact-files.js";
import { ErrorStatus, specOperations, type ErrorStatusName } from "../../../src/openapi/index.js";
import { runMain } from "../../helpers/cli.js";
import { CONTRACT, INTERACTIONS, plantInContract } from "./planted.js";

const PACT_DIR = dirname(CONTRACT);

test("every operation with its documented outcomes, each interaction counted once", () => {
  const coverage = contractCoverage(readPactDir(PACT_DIR));
  expect(coverage.operations.map((op) => [op.operationId, op.outcomes.map((o) => o.name)])).toEqual(
    [...specOperations().values()].map((op) => [
      op.operationId,
      Object.keys(op.examples).map((name) => (name === "success" ? "Success" : name)),
    ]),
  );
  for (const outcome of coverage.operations.flatMap((op) => op.outcomes)) {
    expect(outcome.status).toBe(outcome.name === "Success" ? 0 : ErrorStatus[outcome.name as ErrorStatusName]);
  }
  const counted = coverage.operations.flatMap((op) => op.outcomes).reduce((sum, o) => sum + o.interactions.length, 0);
  expect(counted + coverage.other.length).toBe(INTERACTIONS);
  expect(coverage.other).toEqual([]);
  expect(coverage.exercised).toBe(
    coverage.operations.flatMap((op) => op.outcomes).filter((o) => o.interactions.length > 0).length,
  );
});

test("the table names what no interaction exercises; --json gives the same figures", async () => {
  const coverage = contractCoverage(readPactDir(PACT_DIR));
  const missed = coverage.operations.flatMap((op) =>
    op.outcomes.filter((o) => o.interactions.length === 0).map((o) => `${op.operationId} ${o.name}`),
  );
  const table = await runMain(["coverage", "--pact-dir", PACT_DIR]);
  expect(table.code).toBe(0);
  for (const op of specOperations().values())
    expect(table.stdout).toMatch(new RegExp(`^${op.operationId} +0  Success`, "m"));
  expect(table.stdout).toMatch(/^ +-8  IncorrectOtp +1$/m);
  expect(table.stdout.trimEnd().split("\n").at(-1)).toBe(
    `${coverage.exercised} of ${coverage.total} outcomes exercised; never exercised: ${missed.join(", ")}`,
  );
  const json = await runMain(["coverage", "--pact-dir", PACT_DIR, "--json"]);
  expect(JSON.parse(json.stdout)).toEqual(coverage);
});

test("an answer that is no documented outcome of its operation is listed apart", () => {
  const dir = plantInContract({ "a status request for an unknown card": (i) => (i.response.body.content.status = -4) });
  const coverage = contractCoverage(readPactDir(dir));
  expect(coverage.other).toEqual([
    {
      interaction: '"a status request for an unknown card" (given no card {card_id} exists {"card_id":555})',
      operationId: "getCardStatus",
      answer: "HTTP 200, status -4",
    },
  ]);
});

test("no pacts, or a pact that is not for this API, is an error in one line", async () => {
  expect(await runMain(["coverage", "--pact-dir", "no-such-dir"])).toEqual({
    code: 2,
    stdout: "",
    stderr:
      "fp-giftcards coverage: the pact directory no-such-dir does not exist: run the consumer tests first, or give the folder with --pact-dir DIR\n",
  });
  const dir = plantInContract({ "a product list request": (i) => (i.providerStates[0].name = "a sunny day") });
  const run = await runMain(["coverage", "--pact-dir", dir]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    /^fp-giftcards coverage: .*planted\.json › "a product list request": unknown provider state "a sunny day"; known states: .*\n$/,
  );
});
