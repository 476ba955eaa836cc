/**
 * What `startMock` accepts, its defaults, and every rule about it: `resolveMockOptions` is the
 * one function that decides. Front ends pass what they were given — numbers may arrive as
 * text from a command line or the environment — and show its `MockOptionsError` in their own
 * words for the options (the CLI says `--port`, a library user reads `port`).
 */
import type { Credentials } from "freedompay-gift-cards-client";
import {
  HOST_RULE,
  isHost,
  OptionsError,
  PORT_RULE,
  seconds,
  SECONDS_RULE,
  shown,
  wholeNumber,
  type Numeric,
} from "../http/option-values.js";
import { DEFAULT_REQUEST_TIMEOUT_SECONDS } from "../http/serve.js";
import type { Engine } from "./engine.js";

export type MockMode = "prism" | "stateful";

/** A number as a program gives it, or as text from a flag or an environment variable. */

export interface MockOptions {
  /** `"prism"` (spec-driven answers, the default) or `"stateful"` (the lifecycle simulator). */
  mode?: MockMode | string;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 4010; 0 picks a free port. */
  port?: Numeric;
  /**
   * Who may call: credentials, or `"AUTH_ID:SECRET"` texts. Default one merchant with the docs'
   * example credentials (123456 / secret).
   */
  merchants?: ReadonlyArray<Credentials | string>;
  /** Check signatures (default true); off, a request counts as the merchant it names, else the first. */
  auth?: boolean;
  /** Prism mode only: generate bodies from the schemas instead of serving examples. */
  dynamic?: boolean;
  /** The same seed gives the same generated bodies (Prism mode, with `dynamic`) or OTPs (stateful mode). */
  seed?: Numeric;
  /**
   * Stateful mode: behave as far as we know the real sandbox does — no control API (no
   * `/__control`, so no provider states, clock or OTP lookup) and no OTP back channel (the
   * simulated SMS line does not show the code). For `verify --real-api` against a stand-in.
   */
  sandboxLike?: boolean;
  /** Stateful mode: how long an OTP stays valid on the simulated clock (default 300 s). */
  otpLifetimeSeconds?: Numeric;
  /** Stateful mode: wrong codes a card's OTP survives; then it is dead until a resend (default 3). */
  otpAttempts?: Numeric;
  /** Stateful mode: every merchant's prefunded balance at start and after a reset (default 1 000 000). */
  partnerBalance?: Numeric;
  /** A request must arrive whole (headers and body) within this time, else 408 (default 10 s). */
  requestTimeoutSeconds?: Numeric;
  /** Legacy scheme: the Request-Ids remembered per merchant, at most this many (default 10 000)… */
  replayIdsPerMerchant?: Numeric;
  /** …and at most about this many bytes of them (default 16 MiB). */
  replayBytesPerMerchant?: Numeric;
  /** The request journal keeps at most this many entries (default 1 000); 0 keeps none. */
  journalSize?: Numeric;
  /** Where to write one line per notable event (an OTP "sent", a failure of ours); default silent. */
  logger?: (line: string) => void;
  /**
   * What answers a signed, schema-valid request, instead of the mode's own (Prism or the
   * simulator): behind the same HTTP layer, router and pipeline. For tests of those layers.
   */
  engine?: Engine;
}

export interface ResolvedMockOptions {
  mode: MockMode;
  host: string;
  port: number;
  merchants: Credentials[];
  auth: boolean;
  dynamic: boolean;
  sandboxLike: boolean;
  seed?: number;
  otpLifetimeSeconds: number;
  otpAttempts: number;
  partnerBalance: number;
  requestTimeoutSeconds: number;
  replayIdsPerMerchant: number;
  replayBytesPerMerchant: number;
  journalSize: number;
  logger: (line: string) => void;
}

/** The logger used when none is given. */
export const SILENT = (): void => undefined;

/** A merchant as the mock shows it once started: the secret only when it is the docs' public example. */
export interface ShownMerchant {
  authId: string;
  /** Present only when it is DOCS_EXAMPLE_MERCHANT's secret, which is no secret; any other stays with the authenticator. */
  secret?: string;
}

/** The options in force, as a started mock shows them: no merchant's secret. */
export type MockSettings = Omit<ResolvedMockOptions, "merchants"> & { merchants: ShownMerchant[] };

/** The options without any merchant's secret but the docs' public example. */
export function shownSettings(options: ResolvedMockOptions): MockSettings {
  const merchants = options.merchants.map(({ authId, secret }) =>
    secret === DOCS_EXAMPLE_MERCHANT.secret ? { authId, secret } : { authId },
  );
  return { ...options, merchants };
}

/** The docs' example credentials (doc-760202), the merchant a bare `fp-giftcards mock` accepts. */
export const DOCS_EXAMPLE_MERCHANT: Readonly<Credentials> = Object.freeze({ authId: "123456", secret: "secret" });

export const MOCK_DEFAULTS = Object.freeze({
  mode: "prism" as MockMode,
  host: "127.0.0.1",
  port: 4010,
  auth: true,
  dynamic: false,
  sandboxLike: false,
  otpLifetimeSeconds: 300,
  otpAttempts: 3,
  partnerBalance: 1_000_000,
  requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_SECONDS,
  replayIdsPerMerchant: 10_000,
  replayBytesPerMerchant: 16 * 1024 * 1024,
  journalSize: 1000,
});

/** How a front end names an option in its messages. */
export type OptionName = (option: keyof MockOptions) => string;

/** Mock options that cannot work (see OptionsError). */
export class MockOptionsError extends OptionsError<keyof MockOptions> {
  override name = "MockOptionsError";
}

const fail = (explain: (name: OptionName) => string): never => {
  throw new MockOptionsError(explain);
};

/** A whole number in [min, max] from a number or its decimal text. */
function whole(option: keyof MockOptions, value: Numeric, min: number, max: number, what: string): number {
  return wholeNumber(value, min, max) ?? fail((n) => `${n(option)} must be ${what}, got ${shown(value)}`);
}

function mode(value: string): MockMode {
  if (value !== "prism" && value !== "stateful")
    fail((n) => `${n("mode")} must be prism or stateful, got ${shown(value)}`);
  return value as MockMode;
}

function host(value: string): string {
  return isHost(value) ? value : fail((n) => `${n("host")} must be ${HOST_RULE}, got ${shown(value)}`);
}

/** Credentials from `AUTH_ID:SECRET` texts; the secret may hold colons. A secret never reaches a message. */
function merchants(list: ReadonlyArray<Credentials | string>): Credentials[] {
  const parsed = list.map((item) => {
    if (typeof item !== "string") return { authId: item.authId, secret: item.secret };
    const colon = item.indexOf(":");
    return colon <= 0 ? { authId: "", secret: "" } : { authId: item.slice(0, colon), secret: item.slice(colon + 1) };
  });
  const ids = new Set<string>();
  for (const { authId, secret } of parsed) {
    if (!authId || !secret) fail((n) => `${n("merchants")} takes AUTH_ID:SECRET, both non-empty (e.g. 123456:secret)`);
    if (ids.has(authId)) fail((n) => `merchant ${authId} is given twice in ${n("merchants")}`);
    ids.add(authId);
  }
  return parsed;
}

/**
 * Fills in the defaults and rejects what cannot work, each rule stated once.
 * @example
 * resolveMockOptions({ mode: "stateful", port: "0" }).merchants; // => [{ authId: "123456", secret: "secret" }]
 */
export function resolveMockOptions(input: MockOptions = {}): ResolvedMockOptions {
  const d = MOCK_DEFAULTS;
  const resolvedMode = input.mode === undefined ? d.mode : mode(input.mode);
  const stateful = resolvedMode === "stateful";
  const statefulOnly = (option: keyof MockOptions) => {
    if (input[option] !== undefined && !stateful)
      fail((n) => `${n(option)} applies to stateful mode only (${n("mode")} stateful)`);
  };
  statefulOnly("otpLifetimeSeconds");
  statefulOnly("otpAttempts");
  statefulOnly("partnerBalance");
  if (input.sandboxLike && !stateful)
    fail((n) => `${n("sandboxLike")} applies to stateful mode only (${n("mode")} stateful)`);
  if (input.dynamic && stateful)
    fail((n) => `${n("dynamic")} works in Prism mode only; the stateful simulator answers from its state`);
  if (input.seed !== undefined && !stateful && !input.dynamic)
    fail((n) => `${n("seed")} needs ${n("dynamic")} in Prism mode (it seeds the generated bodies)`);
  const seed =
    input.seed === undefined ? undefined : whole("seed", input.seed, 0, Number.MAX_SAFE_INTEGER, "a whole number");
  return {
    mode: resolvedMode,
    host: input.host === undefined ? d.host : host(input.host),
    port: input.port === undefined ? d.port : whole("port", input.port, 0, 65535, PORT_RULE),
    merchants:
      input.merchants === undefined || input.merchants.length === 0
        ? [{ ...DOCS_EXAMPLE_MERCHANT }]
        : merchants(input.merchants),
    auth: input.auth ?? d.auth,
    dynamic: input.dynamic ?? d.dynamic,
    sandboxLike: input.sandboxLike === true,
    ...(seed !== undefined ? { seed } : {}),
    otpLifetimeSeconds:
      input.otpLifetimeSeconds === undefined
        ? d.otpLifetimeSeconds
        : whole("otpLifetimeSeconds", input.otpLifetimeSeconds, 1, 10 ** 9, "a whole number of seconds, at least 1"),
    otpAttempts:
      input.otpAttempts === undefined
        ? d.otpAttempts
        : whole("otpAttempts", input.otpAttempts, 1, 10 ** 9, "a whole number, at least 1"),
    partnerBalance:
      input.partnerBalance === undefined
        ? d.partnerBalance
        : whole("partnerBalance", input.partnerBalance, 0, Number.MAX_SAFE_INTEGER, "a whole number"),
    requestTimeoutSeconds:
      input.requestTimeoutSeconds === undefined
        ? d.requestTimeoutSeconds
        : (seconds(input.requestTimeoutSeconds) ??
          fail(
            (n) => `${n("requestTimeoutSeconds")} must be ${SECONDS_RULE}, got ${shown(input.requestTimeoutSeconds)}`,
          )),
    replayIdsPerMerchant:
      input.replayIdsPerMerchant === undefined
        ? d.replayIdsPerMerchant
        : whole("replayIdsPerMerchant", input.replayIdsPerMerchant, 1, 10 ** 9, "a whole number, at least 1"),
    replayBytesPerMerchant:
      input.replayBytesPerMerchant === undefined
        ? d.replayBytesPerMerchant
        : whole(
            "replayBytesPerMerchant",
            input.replayBytesPerMerchant,
            1,
            Number.MAX_SAFE_INTEGER,
            "a whole number of bytes, at least 1",
          ),
    journalSize:
      input.journalSize === undefined
        ? d.journalSize
        : whole("journalSize", input.journalSize, 0, 1_000_000, "a whole number from 0 to 1000000"),
    logger: input.logger ?? SILENT,
  };
}
