/**
 * The request pipeline both modes share: what the mock answers to a bad path, method, size,
 * signature, content type, JSON or schema — like the real API, never Prism's 422, never a 5xx.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BODY_LIMIT_BYTES, type MockMode, type RunningMock } from "../../src/mock/index.js";
import { legacyHeaders } from "../../src/signing/index.js";
import { ErrorStatus, errorStatusDescription, operationValidators } from "../../src/openapi/index.js";
import { MERCHANT, merchantState, send, startTestMock } from "./helpers.js";

const STATUS = "/v5/cards/card_status";
const ISSUE = "/v5/cards/issue_card";
const CONFIRM = "/v5/cards/activate_card";
const GOOD_ISSUE = { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79651234567, product_code: 1 };
const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function generalError(detail: string) {
  return { datetime: expect.stringMatching(DATETIME), status: -1, message: `${errorStatusDescription(-1)}: ${detail}` };
}

describe.each<MockMode>(["prism", "stateful"])("%s mode", (mode) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startTestMock({ mode, merchants: [MERCHANT, { authId: "654321", secret: "another" }] });
  });
  afterAll(() => mock.close());

  test("an unknown path is a JSON 404", async () => {
    const res = await send(mock, "/v5/cards/nothing_here", {});
    expect(res.status).toBe(404);
    expect(res.json).toEqual(generalError("no operation at POST /v5/cards/nothing_here"));
  });

  test("another method on a known path is a JSON 405 that allows POST", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const res = await send(mock, STATUS, method === "GET" ? undefined : { card_id: 555 }, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(res.json).toEqual(generalError(`${method} is not allowed on ${STATUS}; every operation is a POST`));
    }
  });

  test("a body over 64 KiB is refused with a JSON 413", async () => {
    const res = await send(mock, STATUS, JSON.stringify({ card_id: 555, pad: "x".repeat(BODY_LIMIT_BYTES) }));
    expect(res.status).toBe(413);
    expect(res.json).toEqual(generalError(`the request body is larger than ${BODY_LIMIT_BYTES} bytes`));
  });

  test.each([
    [
      "no signature",
      { sign: false as const },
      "no signature: send X-JWS-Signature (or the legacy Sign, Auth-Id and Request-Id): sign each request with X-JWS-Signature",
    ],
    [
      "a wrong secret",
      { sign: { authId: "123456", secret: "guess" } },
      "the signature does not match the body: received 15 bytes of body, SHA-256 ",
    ],
    [
      "an unknown merchant",
      { sign: { authId: "999999", secret: "secret" } },
      'unknown auth_id: the JWS header\'s auth_id is "999999", which is not a merchant this server knows',
    ],
    [
      "a legacy Sign with a wrong secret",
      { sign: { authId: "123456", secret: "guess", scheme: "sign" as const } },
      "the Sign does not match the body: received 15 bytes of body, SHA-256 ",
    ],
  ])(
    "a request with %s is a 401 shaped like the spec's UnauthorizedError, explaining itself",
    async (_name, options, reason) => {
      const res = await send(mock, STATUS, { card_id: 555 }, options);
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ status: -1 });
      expect((res.json as { message: string }).message.startsWith(`${errorStatusDescription(-1)}: ${reason}`)).toBe(
        true,
      );
      expect(operationValidators("getCardStatus").response(res.json, 401)).toEqual([]);
    },
  );

  test("a signature made for another path is a 401", async () => {
    const body = JSON.stringify({ card_id: 555 });
    const { signatureHeaders } = await import("../../src/signing/index.js");
    const headers = signatureHeaders({ scheme: "jws", method: "POST", uri: CONFIRM, body, ...MERCHANT });
    const res = await send(mock, STATUS, body, { sign: false, headers });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(
      generalError(
        `the JWS uri does not match the request path: the JWS header's uri is "${CONFIRM}", the request path is "${STATUS}"; likely cause: a signature made for another operation's path`,
      ),
    );
  });

  test("a hand-signed uri with a query string is a 401 naming the sent uri and the request path", async () => {
    const body = JSON.stringify({ card_id: 555 });
    const { signJws } = await import("../../src/signing/index.js");
    const jws = signJws({
      method: "POST",
      uri: `${STATUS}?lang=en`,
      authId: MERCHANT.authId,
      body,
      secret: MERCHANT.secret,
    });
    const res = await send(mock, STATUS, body, { sign: false, headers: { "x-jws-signature": jws } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(
      generalError(
        `the JWS uri does not match the request path: the JWS header's uri is "${STATUS}?lang=en", the request path is "${STATUS}"; likely cause: a query string in uri (send the path alone)`,
      ),
    );
  });

  test("a re-serialised body is a 401 naming the body's length and SHA-256", async () => {
    const { createHash } = await import("node:crypto");
    const { signatureHeaders } = await import("../../src/signing/index.js");
    const headers = signatureHeaders({
      scheme: "jws",
      method: "POST",
      uri: STATUS,
      body: '{"card_id":555}',
      ...MERCHANT,
    });
    const pretty = '{ "card_id": 555 }';
    const res = await send(mock, STATUS, pretty, { sign: false, headers });
    expect(res.status).toBe(401);
    const message = (res.json as { message: string }).message;
    expect(message).toContain(
      `received ${pretty.length} bytes of body, SHA-256 ${createHash("sha256").update(pretty).digest("hex")}`,
    );
    expect(message).toContain(
      "likely cause: the signature matches this body re-serialised as compact JSON: sign the exact bytes you send",
    );
  });

  test("a schema refusal names the field, what the spec expects and what came (a sensitive value only by its kind)", async () => {
    const status = await send(mock, STATUS, { card_id: "555" });
    expect(status.json).toEqual({
      ...generalError(""),
      status: ErrorStatus.CardNotFound,
      message: `${errorStatusDescription(ErrorStatus.CardNotFound)}: /card_id must be integer; got "555" (string)`,
    });
    const issue = await send(mock, ISSUE, { ...GOOD_ISSUE, phone: 12345 });
    expect(issue.json).toMatchObject({ status: ErrorStatus.InvalidPhone });
    expect((issue.json as { message: string }).message).toBe(
      `${errorStatusDescription(ErrorStatus.InvalidPhone)}: /phone must be an integer from 10000000000 to 99999999999, or a string matching ^[0-9]{11}$; got a number of 5 characters`,
    );
  });

  test("a JWS whose auth_id is a JSON number is a 401 saying it must be a string", async () => {
    const { createHmac } = await import("node:crypto");
    const body = JSON.stringify({ card_id: 555 });
    const header = Buffer.from(
      JSON.stringify({ uri: STATUS, auth_id: 123456, method: "POST", params: "", alg: "HS512" }),
    ).toString("base64url");
    const signature = createHmac("sha512", MERCHANT.secret)
      .update(`${header}.${Buffer.from(body).toString("base64url")}`)
      .digest("base64url");
    const headers = { "X-JWS-Signature": `${header}..${signature}` };
    const res = await send(mock, STATUS, body, { sign: false, headers });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(
      generalError('the JWS auth_id must be a string, e.g. "123456" (got number): the JWS header\'s auth_id is 123456'),
    );
  });

  test("a body altered after signing is a 401", async () => {
    const { signatureHeaders } = await import("../../src/signing/index.js");
    const headers = signatureHeaders({
      scheme: "jws",
      method: "POST",
      uri: STATUS,
      body: '{"card_id":555}',
      ...MERCHANT,
    });
    const res = await send(mock, STATUS, '{"card_id":556}', { sign: false, headers });
    expect(res.status).toBe(401);
  });

  test("a second merchant's own secret is accepted", async () => {
    const res = await send(mock, STATUS, { card_id: 555 }, { sign: { authId: "654321", secret: "another" } });
    expect(res.status).toBe(200);
  });

  test("a legacy Request-Id used twice by a merchant is rejected the second time (status -1, not processed)", async () => {
    const body = JSON.stringify({ card_id: 555 });
    const headers = legacyHeaders(body, "123456", "secret", `replay-${mode}`);
    const first = await send(mock, STATUS, body, { sign: false, headers });
    expect(first.status).toBe(200);
    expect((first.json as { message?: string }).message ?? "").not.toMatch(/Request-Id/);
    const second = await send(mock, STATUS, body, { sign: false, headers });
    expect(second.status).toBe(200);
    expect(second.json).toEqual(generalError(`duplicate Request-Id "replay-${mode}"; the request was not processed`));
  });

  test("the same Request-Id from another merchant is not a duplicate", async () => {
    const body = JSON.stringify({ card_id: 555 });
    await send(mock, STATUS, body, { sign: false, headers: legacyHeaders(body, "123456", "secret", `shared-${mode}`) });
    const other = await send(mock, STATUS, body, {
      sign: false,
      headers: legacyHeaders(body, "654321", "another", `shared-${mode}`),
    });
    expect((other.json as { message?: string }).message ?? "").not.toMatch(/duplicate/);
  });

  test.each([
    [
      "a text/plain content type",
      '{"card_id":555}',
      { "content-type": "text/plain" },
      "the request must be sent with Content-Type: application/json",
    ],
    [
      "a malformed content type",
      '{"card_id":555}',
      { "content-type": ";;;" },
      "the request must be sent with Content-Type: application/json",
    ],
    ["malformed JSON", '{"card_id":', {}, "the request body is not valid JSON"],
    ["an empty body", "", {}, "the request body is empty; send a JSON object"],
  ])("%s is answered HTTP 200 with status -1", async (_name, body, headers, detail) => {
    const res = await send(mock, STATUS, body, { headers });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(generalError(detail));
  });

  test.each([
    ["a body that is not an object", STATUS, [555], ErrorStatus.GeneralError],
    ["an unknown field", STATUS, { card_id: 555, extra: 1 }, ErrorStatus.GeneralError],
    ["an unknown field beside a bad phone", ISSUE, { ...GOOD_ISSUE, phone: "x", extra: 1 }, ErrorStatus.GeneralError],
    [
      "a lower-case cardholder name",
      ISSUE,
      { ...GOOD_ISSUE, cardholder_name: "ivanov" },
      ErrorStatus.InvalidCardholderName,
    ],
    ["a missing cardholder name", ISSUE, { phone: 79651234567, product_code: 1 }, ErrorStatus.InvalidCardholderName],
    ["a phone with a +", ISSUE, { ...GOOD_ISSUE, phone: "+79651234567" }, ErrorStatus.InvalidPhone],
    ["a ten-digit phone", ISSUE, { ...GOOD_ISSUE, phone: 7965123456 }, ErrorStatus.InvalidPhone],
    ["a product code of 0", ISSUE, { ...GOOD_ISSUE, product_code: 0 }, ErrorStatus.ProductNotFound],
    ["a card_id that is a string", STATUS, { card_id: "555" }, ErrorStatus.CardNotFound],
    ["a missing card_id", STATUS, {}, ErrorStatus.CardNotFound],
    ["an OTP with letters", CONFIRM, { otp: "12ab", card_id: 555 }, ErrorStatus.IncorrectOtp],
    ["a numeric OTP", CONFIRM, { otp: 1234 }, ErrorStatus.IncorrectOtp],
    [
      "a bad phone and a bad name: the name comes first in the schema",
      ISSUE,
      { ...GOOD_ISSUE, phone: 1, cardholder_name: "x" },
      ErrorStatus.InvalidCardholderName,
    ],
    [
      "a bad product and a bad phone: the phone comes first",
      ISSUE,
      { ...GOOD_ISSUE, product_code: -1, phone: 1 },
      ErrorStatus.InvalidPhone,
    ],
  ])("%s answers HTTP 200 with its status", async (_name, path, body, status) => {
    const res = await send(mock, path, body);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status, message: expect.stringContaining(errorStatusDescription(status)!) });
    expect(res.headers.get("sl-violations")).toBeNull();
  });
});

test("with auth off, unsigned requests are served", async () => {
  const mock = await startTestMock({ mode: "stateful", auth: false });
  try {
    const res = await send(mock, "/v5/cards/product_list", {}, { sign: false });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 0 });
  } finally {
    await mock.close();
  }
});

test("with auth off, a request counts as the configured merchant its JWS or Auth-Id names, else the first", async () => {
  const second = { authId: "222222", secret: "second-secret" };
  const mock = await startTestMock({ mode: "stateful", auth: false, merchants: [MERCHANT, second] });
  try {
    const issue = { cardholder_name: "IVANOV IVAN", phone: 79651234567, product_code: 1 };
    await send(mock, "/v5/cards/issue_card", issue, { sign: { authId: second.authId, secret: "not checked" } });
    await send(mock, "/v5/cards/issue_card", issue, {
      sign: { authId: second.authId, secret: "not checked", scheme: "sign" },
    });
    await send(mock, "/v5/cards/issue_card", issue, { sign: { authId: "not-configured", secret: "x" } });
    await send(mock, "/v5/cards/issue_card", issue, { sign: false });
    expect((await merchantState(mock, second.authId)).cards).toBe(2);
    expect((await merchantState(mock, MERCHANT.authId)).cards).toBe(2);
  } finally {
    await mock.close();
  }
});
