/**
 * The typed gift-cards client: signs every request, guards every exchange (no redirect, a size
 * limit, one deadline: guards.ts), checks every answer against the spec, and resolves to a result
 * union instead of throwing. Paths and validators come from the runtime module codegen wrote
 * from the spec (generated/), so importing and creating a client parses and compiles nothing.
 *
 * The six methods call fetch directly with the signed body string: going through openapi-fetch
 * (a Request object per call, then a copy of it in undici) cost them about a fifth more per call
 * (BENCHMARKS.md). `raw` is an openapi-fetch client with the same signing and the same guards.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/gift-cards.js";
import { operationTable } from "../../generated/gift-cards.runtime.js";
import { signatureHeaders, type SignatureScheme } from "../signing/headers.js";
import type { JwsAlgorithm } from "../signing/jws.js";
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  discardBody,
  guardedFetch,
  isRedirect,
  readBody,
} from "./guards.js";
import { SignableRequest, signingMiddleware } from "./sign-middleware.js";
import { fromRedirect, fromResponse, fromThrown } from "./to-result.js";
import type { GiftCardsResult, OperationId, RequestBody, SuccessBody } from "./types.js";

export interface GiftCardsClientOptions {
  /** e.g. `https://test-api.freedompay.kz` or a mock's `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** Merchant id. */
  authId: string;
  secret: string;
  /** `"jws"` (X-JWS-Signature, the default) or `"sign"` (legacy Sign + Request-Id + Auth-Id). */
  scheme?: SignatureScheme;
  /** With `jws`: `"HS512"` (default, the revision with a known-answer vector) or `"HS256"` (the other revision of doc-760202). */
  jwsAlgorithm?: JwsAlgorithm;
  /** A fetch to use instead of the global one (tests, proxies); it must honour `redirect` and `signal`. */
  fetch?: typeof globalThis.fetch;
  /** Whole-exchange deadline, body included; default 30 000 ms. */
  timeoutMs?: number;
  /** The longest answer read, in bytes; a longer (or endless) one is an error. Default 1 MiB. */
  maxResponseBytes?: number;
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
  /**
   * The underlying openapi-fetch client, with the same signing and guards. Its calls throw (as
   * openapi-fetch's do) on a network failure, a timeout or an over-long answer (ResponseTooLarge);
   * a redirect comes back as a 3xx `response`. Middlewares added with `raw.use()` apply to `raw` only.
   */
  raw: Client<paths>;
}

/**
 * @example
 * const client = createGiftCardsClient({ baseUrl: "http://127.0.0.1:4010", authId: "123456", secret: "secret" });
 * const res = await client.activateCard({ card_id: 555, otp: "1234" });
 * if (res.ok) console.log(res.data.card_mask);
 * else if (res.error.kind === "business" && res.error.name === "IncorrectOtp") askAgain();
 */
export function createGiftCardsClient(options: GiftCardsClientOptions): GiftCardsClient {
  const {
    authId,
    secret,
    scheme = "jws",
    timeoutMs = DEFAULT_TIMEOUT_MS,
    maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
    validateResponses = true,
  } = options;
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const credentials = {
    authId: String(authId),
    secret,
    scheme,
    ...(options.jwsAlgorithm ? { jwsAlgorithm: options.jwsAlgorithm } : {}),
  };

  const raw = createClient<paths>({
    baseUrl,
    Request: SignableRequest,
    fetch: guardedFetch(fetchImpl, { timeoutMs, maxResponseBytes }),
  });
  raw.use(signingMiddleware(credentials));

  function operation<Op extends OperationId>(operationId: Op): Method<Op> {
    const { path, success, error } = operationTable[operationId];
    const check = { operationId, success, error };
    const url = `${baseUrl}${path}`;
    // The signed `uri` is the path the server sees: a base URL's own path comes first.
    const uri = new URL(url).pathname;
    return async (body) => {
      const text = JSON.stringify(body);
      const headers = {
        "Content-Type": "application/json",
        ...signatureHeaders({ ...credentials, method: "POST", uri, body: text }),
      };
      let response: Response | undefined;
      try {
        response = await fetchImpl(url, {
          method: "POST",
          headers,
          body: text,
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (isRedirect(response.status)) {
          await discardBody(response);
          return fromRedirect(response);
        }
        return fromResponse(response, await readBody(response, maxResponseBytes), check, validateResponses);
      } catch (thrown) {
        return fromThrown(thrown, { url, timeoutMs }, response);
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
