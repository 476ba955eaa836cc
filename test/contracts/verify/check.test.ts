/**
 * `check` against the real contracts (written by the consumer stage) and against planted
 * mismatches: each must be named precisely, with the interaction and the place.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { checkContracts, formatFinding } from "../../../src/contracts/check.js";
import { loadSpec } from "../../../src/openapi/index.js";
import { runMain } from "../../helpers/cli.js";
import { CONTRACT, INTERACTIONS, plantInContract, plantInSpec } from "./planted.js";

const FILE = "planted.json";
const ISSUE = '"an issue request for a listed product" (given the partner has products and a funded balance)';

async function mismatchesOf(pactDir: string, spec?: string) {
  const report = await checkContracts({ pactDir, ...(spec ? { spec } : {}) });
  return report.mismatches.map((m) => ({ ...m, pactFile: m.pactFile.endsWith(FILE) ? FILE : m.pactFile }));
}

describe("check on the committed contracts", () => {
  test("every interaction agrees with the spec; the two invalid-on-purpose requests are accepted, by field", async () => {
    const report = await checkContracts({ pactDir: dirname(CONTRACT) });
    expect(report.mismatches).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.interactions).toBe(INTERACTIONS);
    expect(report.accepted.map((a) => [a.interaction, a.where])).toEqual([
      [
        '"an issue request with a lower-case cardholder name" (given the partner has products and a funded balance)',
        "request.body.cardholder_name",
      ],
      [
        '"an issue request with a too-short phone number" (given the partner has products and a funded balance)',
        "request.body.phone",
      ],
    ]);
  });
});

describe("check catches planted mismatches", () => {
  // One planted file, one run of the validator: each plant sits in its own interaction.
  const planted = plantInContract({
    "an issue request for a listed product": (i) => (i.response.body.content.card_id = "555"),
    "a product list request": (i) => (i.request.path = "/v5/cards/block_card"),
    "a status request for an unknown card": (i) => (i.response.status = 500),
    "a status request for an activated card": (i) => delete i.response.body.content.card_mask,
    "an issue request with a too-short phone number": (i) => (i.response.body.content.status = -2),
    "a resend request for an activated card": (i) => delete i.request.headers["X-JWS-Signature"],
    "a resend-code request for an unknown card": (i) =>
      (i.request.generators.body["$.card_id"].expression = "${card_idd}"),
  });
  let found: Awaited<ReturnType<typeof mismatchesOf>> = [];
  beforeAll(async () => {
    found = await mismatchesOf(planted);
  });
  const about = (description: string) => found.filter((m) => m.interaction.startsWith(`"${description}"`));

  test("nothing but the plants is reported", () => {
    expect(new Set(found.map((m) => m.interaction.split('" (')[0]!.slice(1)))).toEqual(
      new Set([
        "an issue request for a listed product",
        "a product list request",
        "a status request for an unknown card",
        "a status request for an activated card",
        "an issue request with a too-short phone number",
        "a resend request for an activated card",
        "a resend-code request for an unknown card",
      ]),
    );
  });

  test("a wrong field type in an answer, named by field and by the branch its status picks", () => {
    const [mismatch, ...rest] = about("an issue request for a listed product");
    expect(rest).toEqual([]);
    expect(mismatch).toEqual({
      pactFile: FILE,
      interaction: ISSUE,
      where: "response.body.card_id",
      code: "response.body.incompatible",
      message: "Response body is incompatible with IssueCardSuccess in the spec file: /card_id must be integer",
      specLocation: "components.schemas.IssueCardSuccess",
    });
    expect(formatFinding(mismatch!)).toBe(
      `${FILE} › ${ISSUE} › response.body.card_id: Response body is incompatible with IssueCardSuccess in the spec file: /card_id must be integer (response.body.incompatible; spec components.schemas.IssueCardSuccess)`,
    );
  });

  test("an unknown path", () => {
    expect(about("a product list request")).toMatchObject([
      {
        interaction: '"a product list request" (given the partner has products and a funded balance)',
        where: "request.path",
        code: "request.path-or-method.unknown",
        message: "Path or method not defined in spec file: POST /v5/cards/block_card",
      },
    ]);
  });

  test("an undocumented HTTP status", () => {
    expect(about("a status request for an unknown card")).toMatchObject([
      {
        where: "response.status",
        code: "response.status.unknown",
        message: "Response status code not defined in spec file: 500",
      },
    ]);
  });

  test("an answer missing a required field", () => {
    expect(about("a status request for an activated card")).toMatchObject([
      {
        where: "response.body",
        code: "response.body.incompatible",
        message:
          'Response body is incompatible with CardDetailsSuccess in the spec file: body is missing required field "card_mask"',
      },
    ]);
  });

  test("an invalid request whose answer is not the field's x-invalid-status is not excused", () => {
    expect(about("an issue request with a too-short phone number")).toMatchObject([
      {
        where: "request.body.phone",
        code: "request.body.incompatible",
        // One finding for the field, saying what each form of a phone (number or string) wants.
        message: [
          "Request body is incompatible with the request body schema in the spec file: must be >= 10000000000",
          "Request body is incompatible with the request body schema in the spec file: must be string",
          "Request body is incompatible with the request body schema in the spec file: must match exactly one schema in oneOf",
        ].join(" | "),
      },
    ]);
  });

  test("a value injected from the provider state that the state does not give", () => {
    expect(about("a resend-code request for an unknown card")).toEqual([
      {
        pactFile: FILE,
        interaction: '"a resend-code request for an unknown card" (given no card {card_id} exists {"card_id":555})',
        where: "request.body.card_id",
        code: "request.generator.unknown-value",
        message: "injects ${card_idd}, a value its provider state does not give (it gives card_id)",
      },
    ]);
  });

  test("a request without a signature", () => {
    expect(about("a resend request for an activated card")).toMatchObject([
      {
        where: "request.headers",
        code: "request.authorization.missing",
        message: "Request Authorization header is missing but is required by the spec file",
      },
    ]);
  });
});

test("a spec edit that breaks a recorded contract fails the check", async () => {
  const currency = loadSpec().components.schemas.Currency!.pattern as string;
  const spec = plantInSpec(`pattern: '${currency}'`, "pattern: '^[A-Z]{4}$'");
  const found = await mismatchesOf(dirname(CONTRACT), spec);
  expect(found.length).toBeGreaterThan(0);
  expect(found.every((m) => m.message.endsWith('must match pattern "^[A-Z]{4}$"'))).toBe(true);
  expect(found.map((m) => m.where)).toContain("response.body.card_currency");
});

describe("fp-giftcards check", () => {
  test("check fails on a planted mismatch, naming it, with one summary line", async () => {
    const dir = plantInContract({
      "a resend request for an unknown card": (i) => (i.response.body.content.datetime = "yesterday"),
    });
    const run = await runMain(["check", "--pact-dir", dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `mismatch: ${dir}/planted.json › "a resend request for an unknown card" (given no card {card_id} exists {"card_id":555}) › response.body.datetime: Response body is incompatible with BusinessError in the spec file: /datetime must match pattern`,
    );
    expect(run.stderr).toBe(
      `fp-giftcards check: 1 mismatch between the spec and ${INTERACTIONS} interactions in 1 pact file\n`,
    );
  });
});

describe("check refuses pacts this API can never verify, in one line", () => {
  test.each<[string, Record<string, (i: Record<string, any>) => void>, (file: string) => string]>([
    // eslint-disable-line @typescript-eslint/no-explicit-any
    [
      "an unknown provider state",
      { "a product list request": (i) => (i.providerStates[0].name = "the partner has products") },
      (file) =>
        `fp-giftcards check: ${file} › "a product list request": unknown provider state "the partner has products"; known states: "the partner has products and a funded balance", "a card {card_id} awaiting its OTP {otp}", "an activated card {card_id}", "no card {card_id} exists", "the partner balance is empty", "a card {card_id} of another merchant", "the bank fails to issue cards", "a card {card_id} awaiting its OTP {otp} that the bank fails to activate"\n`,
    ],
    [
      "a param the state does not take",
      { "a status request for an activated card": (i) => (i.providerStates[0].params = { card_idd: 555 }) },
      (file) =>
        `fp-giftcards check: ${file} › "a status request for an activated card": provider state "an activated card {card_id}" needs param "card_id"\n`,
    ],
    [
      "an extra param",
      { "a status request for an activated card": (i) => (i.providerStates[0].params.colour = "red") },
      (file) =>
        `fp-giftcards check: ${file} › "a status request for an activated card": provider state "an activated card {card_id}" takes no param "colour" (it takes card_id, auth_id)\n`,
    ],
  ])("%s", async (_name, mutations, stderr) => {
    const dir = plantInContract(mutations);
    expect(await runMain(["check", "--pact-dir", dir])).toEqual({
      code: 1,
      stdout: "",
      stderr: stderr(`${dir}/planted.json`),
    });
  });

  test("a pact with no interaction: zero work is not a pass", async () => {
    const dir = plantInContract({});
    const file = `${dir}/planted.json`;
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), interactions: [] }));
    expect(await runMain(["check", "--pact-dir", dir])).toEqual({
      code: 1,
      stdout: "",
      stderr: `fp-giftcards check: ${file} has no interactions: there is nothing to verify\n`,
    });
  });

  test("a pact for another provider", async () => {
    const dir = plantInContract({});
    const file = `${dir}/planted.json`;
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('"name": "freedompay-gift-cards"', '"name": "some-other-api"'),
    );
    expect(await runMain(["check", "--pact-dir", dir])).toEqual({
      code: 1,
      stdout: "",
      stderr: `fp-giftcards check: ${file} is a pact for provider "some-other-api", not "freedompay-gift-cards"\n`,
    });
  });
});
