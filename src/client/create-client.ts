/**
 * The typed gift-cards client: openapi-fetch over the generated types, signing every request,
 * with a timeout, run-time validation of answers against the spec, and a result union instead
 * of exceptions. Paths come from the spec, so an edited path is one spec change away.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/gift-cards.js";
import type { SignatureScheme } from "../signing/headers.js";
import { operationValidators } from "../openapi/validators.js";
import { fetchSignable, SignableRequest, signingMiddleware } from "./sign-middleware.js";
import { fromResponse, fromThrown } from "./to-result.js";
import type { GiftCardsResult, OperationId, RequestBody, SuccessBody } from "./types.js";

export interface GiftCardsClientOptions {
  /** e.g. `https://test-api.freedompay.kz` or a mock's `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Merchant id. */
  authId: string;
  secret: string;
  /** `"jws"` (X-JWS-Signature, the default) or `"sign"` (legacy Sign + Request-Id + Auth-Id). */
  scheme?: SignatureScheme;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
  /** Whole-request deadline, body included; default 30 000 ms. */
  timeoutMs?: number;
  /** Check every answer against the spec (default true); a body that breaks it is an `invalid_response`. */
  validateResponses?: boolean;
}

type Method<Op extends OperationId> = (body: RequestBody<Op>) => Promise<GiftCardsResult<SuccessBody<Op>>>;

export interface GiftCardsClient {
  listProducts(body?: RequestBody<"listProducts">): Promise<GiftCardsResult<SuccessBody<"listProducts">>>;
  issueCard: Method<"issueCard">;
  activateCard: Method<"activateCard">;
  resendCard: Method<"resendCard">;
  resendCode: Method<"resendCode">;
  getCardStatus: Method<"getCardStatus">;
  /** The underlying openapi-fetch client, signing middleware included. */
  raw: Client<paths>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * @example
 * const client = createGiftCardsClient({ baseUrl: "http://127.0.0.1:4010", authId: "123456", secret: "secret" });
 * const res = await client.activateCard({ card_id: 555, otp: "1234" });
 * if (res.ok) console.log(res.data.card_mask);
 * else if (res.error.kind === "business" && res.error.name === "IncorrectOtp") askAgain();
 */
export function createGiftCardsClient(options: GiftCardsClientOptions): GiftCardsClient {
  const { baseUrl, authId, secret, scheme = "jws", timeoutMs = DEFAULT_TIMEOUT_MS, validateResponses = true } = options;
  const raw = createClient<paths>({ baseUrl, Request: SignableRequest, fetch: options.fetch ?? fetchSignable });
  raw.use(signingMiddleware({ authId: String(authId), secret, scheme }));

  function operation<Op extends OperationId>(operationId: Op) {
    const validators = operationValidators(operationId);
    const path = validators.operation.path as keyof paths;
    const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
    return async (body: RequestBody<Op>): Promise<GiftCardsResult<SuccessBody<Op>>> => {
      let response: Response | undefined;
      try {
        const signal = AbortSignal.timeout(timeoutMs);
        const answer = await raw.POST(path, { body: body as never, parseAs: "text", signal });
        response = answer.response;
        // openapi-fetch hands back the text on 2xx and already-parsed JSON otherwise.
        const payload: unknown = answer.data ?? answer.error ?? "";
        const text = typeof payload === "string" ? payload : JSON.stringify(payload);
        return fromResponse(response, text, validators, validateResponses);
      } catch (thrown) {
        return fromThrown(thrown, timeoutMs, url, response);
      }
    };
  }

  const listProducts = operation("listProducts");
  return {
    listProducts: (body = {}) => listProducts(body),
    issueCard: operation("issueCard"),
    activateCard: operation("activateCard"),
    resendCard: operation("resendCard"),
    resendCode: operation("resendCode"),
    getCardStatus: operation("getCardStatus"),
    raw,
  };
}
