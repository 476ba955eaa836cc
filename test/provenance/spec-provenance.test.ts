/** `fp-giftcards provenance` without recordings: every operation, and each differing fact with where it applies. */
import { expect, test } from "vitest";
import { loadSpec, specOperations } from "../../src/openapi/index.js";
import { specProvenance } from "../../src/provenance/spec-provenance.js";
import { runMain } from "../helpers/cli.js";

test("every operation has its provenance; a fact that differs lists where it applies", () => {
  const { operations, differing } = specProvenance(loadSpec());
  expect(operations.map((o) => o.operationId)).toEqual([...specOperations().keys()]);
  for (const op of operations)
    expect(["documented", "inferred", "decision"], op.operationId).toContain(op.provenance?.level);
  const balance = differing.find((d) => d.definedAt === "components.schemas.Balance");
  expect(balance).toMatchObject({
    provenance: { level: "inferred", details: { constraints: { minimum: "decision" } } },
  });
  expect(balance?.appliesTo).toEqual([
    "listProducts answer.product_list[].balance",
    "activateCard answer.card_balance",
    "getCardStatus answer.card_balance",
  ]);
  expect(differing.find((d) => d.definedAt === "components.schemas.CardholderName")?.appliesTo).toEqual([
    "issueCard request.cardholder_name",
  ]);
});

test("the command prints the operations, then what differs", async () => {
  const run = await runMain(["provenance"]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(
    /^Operations\n {2}listProducts {2}POST \/v5\/cards\/product_list +documented {2}https:\/\/freedompay\.money\/docs-en\/cards-api\/gift {2}path: inferred\n/,
  );
  expect(run.stdout).toContain("\nWhere the provenance differs from the operation's\n");
  expect(run.stdout).toContain("  components.schemas.Otp  decision  constraints: pattern decision\n");
});

test("recordings that cannot be read are refused in one line", async () => {
  expect(await runMain(["provenance", "--recordings", "no-such-dir"])).toEqual({
    code: 1,
    stdout: "",
    stderr: "fp-giftcards provenance: the recordings directory no-such-dir cannot be read\n",
  });
});
