/**
 * What `startProxy` accepts, its defaults, and every rule about it: `resolveProxyOptions` is
 * the one function that decides. Front ends pass what they were given (numbers may arrive as
 * text) and show a `ProxyOptionsError` in their own words for the options: the CLI says
 * `--upstream` and `FREEDOMPAY_SECRET`, a library user reads `upstream` and `secret`. No
 * message ever carries the secret.
 */
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from "../http/serve.js";
import {
  HOST_RULE,
  isHost,
  OptionsError,
  port,
  PORT_RULE,
  seconds,
  SECONDS_RULE,
  shown,
  type Numeric,
} from "../http/option-values.js";
import { MAX_ANSWER_BYTES } from "../upstream/send.js";
import { JWS_ALGORITHMS, type JwsAlgorithm, type SignatureScheme } from "freedompay-gift-cards-client";

export interface ProxyOptions {
  /** The provider every request is forwarded to, e.g. `https://test-api.freedompay.kz` (required). */
  upstream?: string;
  /** The merchant id the proxy signs as (required). */
  authId?: string;
  /** The merchant's secret: it stays in the proxy, the app needs none (required). */
  secret?: string;
  /** `jws` (X-JWS-Signature, the default) or `sign` (legacy Sign, Auth-Id, Request-Id). */
  scheme?: SignatureScheme | string;
  /** With the `jws` scheme: `HS512` (default) or `HS256`. */
  jwsAlgorithm?: JwsAlgorithm | string;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 4020; 0 picks a free port. */
  port?: Numeric;
  /** Write every exchange, redacted, into this directory. */
  record?: string;
  /**
   * The whole exchange with the upstream, connecting to the answer's last byte (default 25 s:
   * under the client's own 30 s, so an app on the client's defaults gets the proxy's 504, which
   * says what happened, rather than a timeout of its own).
   */
  upstreamTimeoutSeconds?: Numeric;
  /** A request from the app must arrive whole within this time, else 408 (default: the mock's, 10 s). */
  requestTimeoutSeconds?: Numeric;
  /** Where each report line goes (one per exchange, one per deviation); default silent. */
  logger?: (line: string) => void;
}

export interface ResolvedProxyOptions {
  upstream: string;
  authId: string;
  secret: string;
  scheme: SignatureScheme;
  jwsAlgorithm: JwsAlgorithm;
  host: string;
  port: number;
  record?: string;
  upstreamTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  /** Longer answers are not passed on (the app gets a 502): no answer of this API comes near. */
  maxAnswerBytes: number;
  logger: (line: string) => void;
}

export const PROXY_DEFAULTS = Object.freeze({
  host: "127.0.0.1",
  port: 4020,
  scheme: "jws" as SignatureScheme,
  jwsAlgorithm: "HS512" as JwsAlgorithm,
  upstreamTimeoutSeconds: 25,
  requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_SECONDS,
  maxAnswerBytes: MAX_ANSWER_BYTES,
});

/** How a front end names an option in its messages. */
export type ProxyOptionName = (option: keyof ProxyOptions) => string;

/** Proxy options that cannot work (see OptionsError). */
export class ProxyOptionsError extends OptionsError<keyof ProxyOptions> {
  override name = "ProxyOptionsError";
}

const fail = (explain: (name: ProxyOptionName) => string): never => {
  throw new ProxyOptionsError(explain);
};

function upstreamUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    return fail((n) => `${n("upstream")} must be an http(s) URL, got ${shown(value)}`);
  // Credentials in the URL would be sent along and shown in every line: they belong elsewhere.
  if (url.username || url.password)
    return fail(
      (n) =>
        `${n("upstream")} must not carry credentials (user:password@); the proxy signs with ${n("authId")} and ${n("secret")}`,
    );
  if (url.search || url.hash)
    return fail((n) => `${n("upstream")} must be a base URL without a query or fragment, got ${shown(value)}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

const portOf = (value: Numeric): number =>
  port(value) ?? fail((n) => `${n("port")} must be ${PORT_RULE}, got ${shown(value)}`);

const secondsOf = (option: "upstreamTimeoutSeconds" | "requestTimeoutSeconds", value: Numeric): number =>
  seconds(value) ?? fail((n) => `${n(option)} must be ${SECONDS_RULE}, got ${shown(value)}`);

const hostOf = (value: string): string =>
  isHost(value) ? value : fail((n) => `${n("host")} must be ${HOST_RULE}, got ${shown(value)}`);

/**
 * Fills in the defaults and rejects what cannot work, each rule stated once.
 * @example
 * resolveProxyOptions({ upstream: "https://test-api.freedompay.kz/", authId: "123456", secret: "…" }).upstream;
 * // => "https://test-api.freedompay.kz"
 */
export function resolveProxyOptions(input: ProxyOptions): ResolvedProxyOptions {
  const d = PROXY_DEFAULTS;
  const missing = (["authId", "secret"] as const).filter((option) => !input[option]);
  if (missing.length > 0)
    fail(
      (n) =>
        `${missing.map(n).join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: the proxy signs every request with them (the app needs no secret)`,
    );
  if (input.upstream === undefined || input.upstream === "")
    fail((n) => `${n("upstream")} is required: the provider to forward to, e.g. https://test-api.freedompay.kz`);
  const scheme = input.scheme ?? d.scheme;
  if (scheme !== "jws" && scheme !== "sign") fail((n) => `${n("scheme")} must be jws or sign, got ${shown(scheme)}`);
  const algorithm = input.jwsAlgorithm ?? d.jwsAlgorithm;
  if (!Object.hasOwn(JWS_ALGORITHMS, algorithm))
    fail((n) => `${n("jwsAlgorithm")} must be ${Object.keys(JWS_ALGORITHMS).join(" or ")}, got ${shown(algorithm)}`);
  if (input.jwsAlgorithm !== undefined && scheme !== "jws")
    fail((n) => `${n("jwsAlgorithm")} applies to the jws scheme only (${n("scheme")} jws)`);
  if (input.record === "") fail((n) => `${n("record")} needs a directory`);
  return {
    upstream: upstreamUrl(input.upstream!),
    authId: input.authId!,
    secret: input.secret!,
    scheme: scheme as SignatureScheme,
    jwsAlgorithm: algorithm as JwsAlgorithm,
    host: input.host === undefined ? d.host : hostOf(input.host),
    port: input.port === undefined ? d.port : portOf(input.port),
    ...(input.record !== undefined ? { record: input.record } : {}),
    upstreamTimeoutSeconds:
      input.upstreamTimeoutSeconds === undefined
        ? d.upstreamTimeoutSeconds
        : secondsOf("upstreamTimeoutSeconds", input.upstreamTimeoutSeconds),
    requestTimeoutSeconds:
      input.requestTimeoutSeconds === undefined
        ? d.requestTimeoutSeconds
        : secondsOf("requestTimeoutSeconds", input.requestTimeoutSeconds),
    maxAnswerBytes: d.maxAnswerBytes,
    logger: input.logger ?? (() => undefined),
  };
}
