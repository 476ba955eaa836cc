import { describe, expect, test } from "vitest";
import {
  CardStatus,
  ErrorStatus,
  StatusCode,
  cardStatusName,
  errorStatusDescription,
  errorStatusName,
  loadSpec,
  operationValidators,
  specOperations,
} from "../../src/openapi/index.js";

const spec = loadSpec();

describe("the operation table read from the spec", () => {
  test("has the six operations at their paths", () => {
    const table = Object.fromEntries([...specOperations().values()].map((op) => [op.operationId, op.path]));
    expect(table).toEqual({
      listProducts: "/v5/cards/product_list",
      issueCard: "/v5/cards/issue_card",
      activateCard: "/v5/cards/activate_card",
      resendCard: "/v5/cards/resend_card",
      resendCode: "/v5/cards/resend_code",
      getCardStatus: "/v5/cards/card_status",
    });
  });

  test("every operation states its provenance", () => {
    for (const op of specOperations().values()) expect(["documented", "inferred"]).toContain(op.provenance?.level);
  });
});

describe("every named example is valid against its schema", () => {
  const examples = [...specOperations().values()].flatMap((op) =>
    Object.entries(op.examples).map(([name, value]) => [`${op.operationId} ${name}`, op.operationId, value] as const),
  );
  test.each(examples)("%s", (_label, operationId, value) => {
    expect(operationValidators(operationId).response(value)).toEqual([]);
  });
});

describe("request validation returns violations as data, with the spec's status for the field", () => {
  const issue = operationValidators("issueCard");
  const valid = { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79651234567, product_code: 1 };
  test.each([
    ["a lower-case name", { ...valid, cardholder_name: "ivanov" }, "cardholder_name", -2],
    ["a 10-digit phone", { ...valid, phone: 7965123456 }, "phone", -3],
    ["a phone string with a +", { ...valid, phone: "+79651234567" }, "phone", -3],
    ["a missing product code", { cardholder_name: valid.cardholder_name, phone: valid.phone }, "product_code", -4],
    ["a zero card id", { ...valid, card_id: 0 }, "card_id", -7],
  ])("%s", (_name, body, field, invalidStatus) => {
    // A field with alternatives (the phone's number or string) may have a violation per branch: all name the field.
    const violations = issue.request(body);
    expect(violations).not.toEqual([]);
    expect(new Set(violations.map((v) => [v.field, v.invalidStatus].join(" ")))).toEqual(
      new Set([`${field} ${invalidStatus}`]),
    );
  });

  test("a phone is eleven digits, as a JSON number or a string (the docs show both)", () => {
    expect(issue.request({ ...valid, phone: 79651234567 })).toEqual([]);
    expect(issue.request({ ...valid, phone: "79651234567" })).toEqual([]);
  });

  test.each([["+79651234567"], [7965123456], [true]])(
    "a phone in neither accepted form (%j) is one violation naming both, in the schema's words",
    (phone) => {
      expect(issue.request({ ...valid, phone })).toEqual([
        {
          path: "/phone",
          field: "phone",
          invalidStatus: -3,
          keyword: "oneOf",
          message: "/phone must be an integer from 10000000000 to 99999999999, or a string matching ^[0-9]{11}$",
        },
      ]);
    },
  );

  test("an unknown field is a violation without a field status", () => {
    expect(issue.request({ ...valid, bonus: 1 })).toEqual([
      { path: "", keyword: "additionalProperties", message: 'body has unknown field "bonus"' },
    ]);
  });

  test("an OTP of letters names the otp field", () => {
    expect(operationValidators("activateCard").request({ otp: "12a4" })).toMatchObject([
      { field: "otp", invalidStatus: -8, path: "/otp" },
    ]);
  });

  test("a valid request has no violations", () => {
    expect(issue.request(valid)).toEqual([]);
  });
});

describe("status constants are the spec's enums", () => {
  const errorEnum = spec.components.schemas.ErrorStatus as { enum: number[]; "x-enum-varnames": string[] };

  test("every error status has its spec name, both ways", () => {
    errorEnum.enum.forEach((code, i) => {
      const name = errorEnum["x-enum-varnames"][i]!;
      expect(errorStatusName(code)).toBe(name);
      expect((ErrorStatus as unknown as Record<string, number>)[name]).toBe(code);
    });
  });

  test("named constants read as the documented directory", () => {
    expect(StatusCode.Success).toBe(0);
    expect(ErrorStatus.IncorrectOtp).toBe(-8);
    expect(ErrorStatus.CardAlreadyActivated).toBe(-10);
    expect(CardStatus.Activated).toBe(2);
    expect(cardStatusName(5)).toBe("Expired");
    expect(errorStatusDescription(-6)).toBe("Not enough funds on the partner's account to issue the card");
    expect(errorStatusName(-42)).toBeUndefined();
  });
});
