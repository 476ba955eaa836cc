/**
 * What the mock tests share: a mock on 127.0.0.1:0, the real client pointed at it, a signed
 * raw request for what the client would refuse to send, and the control API.
 */
import { createGiftCardsClient, type GiftCardsClient } from "../../src/client/index.js";
import { startMock, type MockOptions, type RunningMock } from "../../src/mock/index.js";
import { signatureHeaders, type SignatureScheme } from "../../src/signing/index.js";
import { specOperations } from "../../src/openapi/index.js";

export const MERCHANT = { authId: "123456", secret: "secret" };
/** A valid request for every operation: the spec's own request examples. */
export const VALID: Record<string, Record<string, unknown>> = Object.fromEntries(
  [...specOperations().values()].map((op) => [op.operationId, op.requestExample as Record<string, unknown>]),
);
export const ISSUE = { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79651234567, product_code: 1 };

export function startTestMock(options: MockOptions = {}): Promise<RunningMock> {
  return startMock({ host: "127.0.0.1", port: 0, ...options });
}

export function clientOf(mock: RunningMock, merchant = MERCHANT, scheme: SignatureScheme = "jws"): GiftCardsClient {
  return createGiftCardsClient({ baseUrl: mock.url, authId: merchant.authId, secret: merchant.secret, scheme });
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
}

async function answerOf(response: Response): Promise<RawAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface SendOptions {
  method?: string;
  /** Signed with these credentials unless `false`. */
  sign?: { authId: string; secret: string; scheme?: SignatureScheme } | false;
  headers?: Record<string, string>;
}

/** Sends exactly `body` (a string is sent as is, anything else as JSON), signed over those bytes. */
export async function send(
  mock: RunningMock,
  path: string,
  body: unknown,
  options: SendOptions = {},
): Promise<RawAnswer> {
  const { method = "POST", headers = {} } = options;
  const sign: SendOptions["sign"] = options.sign ?? MERCHANT;
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const signed =
    sign && text !== undefined
      ? signatureHeaders({
          scheme: sign.scheme ?? "jws",
          method,
          uri: path.split("?")[0]!,
          body: text,
          authId: sign.authId,
          secret: sign.secret,
        })
      : {};
  const response = await fetch(`${mock.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...signed, ...headers },
    ...(text !== undefined && method !== "GET" && method !== "HEAD" ? { body: text } : {}),
  });
  return answerOf(response);
}

/** One call of the control API. */
export async function control(
  mock: RunningMock,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
): Promise<RawAnswer> {
  const response = await fetch(`${mock.url}/__control${path}`, {
    method,
    ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
  });
  return answerOf(response);
}

export async function otpOf(mock: RunningMock, cardId: number): Promise<string> {
  const answer = await control(mock, "GET", `/cards/${cardId}/otp`);
  if (answer.status !== 200) throw new Error(`no OTP for card ${cardId}: ${answer.text}`);
  return (answer.json as { otp: string }).otp;
}

export async function merchantState(
  mock: RunningMock,
  authId = MERCHANT.authId,
): Promise<{ auth_id: string; partner_balance: number; cards: number }> {
  return (await control(mock, "GET", `/merchants/${authId}`)).json as never;
}

export async function setState(
  mock: RunningMock,
  state: string,
  params: Record<string, unknown> = {},
): Promise<RawAnswer> {
  return control(mock, "POST", "/state", { state, params });
}

/** An OTP guaranteed to differ from `otp`. */
export function wrongOtp(otp: string): string {
  return otp === "0000" ? "1111" : "0000";
}

/** Issues a card through the client and returns its id; fails the test if issuing fails. */
export async function issueTestCard(
  client: GiftCardsClient,
  body: { cardholder_name?: string; phone?: number; product_code?: number; card_id?: number } = {},
): Promise<number> {
  const res = await client.issueCard({ ...ISSUE, ...body });
  if (!res.ok) throw new Error(`issuing a test card failed: ${res.error.message}`);
  return res.data.card_id;
}
