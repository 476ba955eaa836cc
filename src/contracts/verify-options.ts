/**
 * What `verify` accepts, as a front end is given it (text from flags and the environment), and
 * every rule about it: `resolveVerifyOptions` is the one function that decides — URLs,
 * credentials, the scheme, which broker options go together, `--real-api`'s companions, the
 * timeout — and throws a `VerifyOptionsError` that a front end words with its own names for
 * the options (the CLI says `--provider-base-url` and `FREEDOMPAY_SECRET`). No message ever
 * carries a secret or a token. It loads nothing heavy: `--help` and a usage error never load Pact.
 */
import type { SignatureScheme, SigningCredentials } from "freedompay-gift-cards-client";
import {
  httpUrl,
  HTTP_URL_RULE,
  OptionsError,
  seconds,
  SECONDS_RULE,
  shown,
  type Numeric,
} from "../http/option-values.js";

export interface BrokerOptions {
  url: string;
  /** Bearer token (else Pact reads PACT_BROKER_TOKEN). */
  token?: string;
  providerVersion?: string;
  providerBranch?: string;
  /** Publish the verification results (needs `providerVersion`). */
  publish?: boolean;
  enablePending?: boolean;
  /** `YYYY-MM-DD`: also verify work-in-progress pacts since then. */
  includeWipPactsSince?: string;
  /** e.g. `[{ mainBranch: true }, { deployedOrReleased: true }]`. */
  consumerVersionSelectors?: Record<string, string | boolean>[];
}

export interface VerifyOptions {
  providerBaseUrl: string;
  /** The provider's credentials: every replayed request is signed with them. */
  credentials: SigningCredentials;
  /** Local pact files; the default when no broker is given. */
  pactDir?: string;
  /** Where states are set up; default `<providerBaseUrl>/__control/state`; `false`: none. */
  stateSetupUrl?: string | false;
  /** Provider name in the pacts and the broker; default `freedompay-gift-cards`. */
  provider?: string;
  broker?: BrokerOptions;
  /** Pact's own log level; default `error`. */
  logLevel?: "error" | "warn" | "info" | "debug" | "trace";
  /**
   * The run gives up when the provider takes longer than this to answer one request (state
   * setup or replay), or nothing at all happens for this long; default 60 s. One deadline for
   * the run, not one per interaction that adds up.
   */
  timeoutSeconds?: number;
  /** Where Pact's own report goes as it is written; default this process's stdout. */
  output?: (text: string) => void;
  /**
   * The provider is a real API (no control API): states are set up through its own operations,
   * signed with `credentials`; local pacts only. `stateSetupUrl` does not apply.
   */
  realApi?: RealApiOptions;
}

export interface RealApiOptions {
  /** A second merchant of the provider, for "a card {card_id} of another merchant". */
  otherCredentials?: SigningCredentials;
  /** The phone fresh cards are issued to (their SMS goes there); default the contract's. */
  testPhone?: string;
}

/** The verifier gives up after this long without an answer or progress, unless told otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

export interface VerifyInput {
  /** The provider to verify, e.g. `http://127.0.0.1:4010` (required). */
  providerBaseUrl?: string;
  /** The provider's merchant id and secret: every replayed request is signed with them (required). */
  authId?: string;
  secret?: string;
  /** `jws` (default) or `sign`. */
  scheme?: string;
  pactDir?: string;
  /** Where states are set up (default `<providerBaseUrl>/__control/state`)… */
  stateSetupUrl?: string;
  /** …or `false`: not at all. */
  stateSetup?: boolean;
  provider?: string;
  brokerUrl?: string;
  brokerToken?: string;
  providerVersion?: string;
  providerBranch?: string;
  publish?: boolean;
  enablePending?: boolean;
  /** `YYYY-MM-DD`. */
  includeWipPactsSince?: string;
  /** A JSON array of objects, or the array itself. */
  consumerVersionSelectors?: string | Record<string, string | boolean>[];
  logLevel?: string;
  timeoutSeconds?: Numeric;
  /** The provider is a real API: states set up through its own operations (local pacts only). */
  realApi?: boolean;
  /** With `realApi`: a second merchant, for "a card of another merchant" (both or neither). */
  otherAuthId?: string;
  otherSecret?: string;
  /** With `realApi`: the phone fresh cards are issued to (default: the contract's). */
  testPhone?: string;
}

/** How a front end names an option in its messages. */
export type VerifyOptionName = (option: keyof VerifyInput) => string;

/** Verify options that cannot work (see OptionsError). */
export class VerifyOptionsError extends OptionsError<keyof VerifyInput> {
  override name = "VerifyOptionsError";
}

const fail = (explain: (name: VerifyOptionName) => string): never => {
  throw new VerifyOptionsError(explain);
};

const LOG_LEVELS = ["error", "warn", "info", "debug", "trace"] as const;
const BROKER_ONLY = [
  "brokerToken",
  "providerVersion",
  "providerBranch",
  "publish",
  "enablePending",
  "includeWipPactsSince",
  "consumerVersionSelectors",
] as const;

function url(option: "providerBaseUrl" | "stateSetupUrl" | "brokerUrl", value: string): string {
  const parsed = httpUrl(value) ?? fail((n) => `${n(option)} must be ${HTTP_URL_RULE}, got ${shown(value)}`);
  if (parsed.username || parsed.password) {
    fail((n) => `${n(option)} must not carry credentials (user:password@)`);
  }
  return value;
}

function selectors(value: string | Record<string, string | boolean>[]): Record<string, string | boolean>[] {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  const objects =
    Array.isArray(parsed) && parsed.every((s) => s !== null && typeof s === "object" && !Array.isArray(s));
  if (!objects) {
    fail((n) => `${n("consumerVersionSelectors")} must be a JSON array of objects, e.g. '[{"mainBranch":true}]'`);
  }
  return parsed as Record<string, string | boolean>[];
}

function broker(input: VerifyInput): BrokerOptions | undefined {
  if (!input.brokerUrl) {
    const given = BROKER_ONLY.find((option) => input[option] !== undefined && input[option] !== false);
    if (given) fail((n) => `${n(given)} needs ${n("brokerUrl")}`);
    return undefined;
  }
  if (input.publish && input.providerVersion === undefined) {
    fail((n) => `${n("publish")} needs ${n("providerVersion")}`);
  }
  const since = input.includeWipPactsSince;
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    fail((n) => `${n("includeWipPactsSince")} takes a date YYYY-MM-DD, got ${since}`);
  }
  const selected = input.consumerVersionSelectors;
  return {
    url: url("brokerUrl", input.brokerUrl),
    ...(input.brokerToken ? { token: input.brokerToken } : {}),
    ...(input.providerVersion !== undefined ? { providerVersion: input.providerVersion } : {}),
    ...(input.providerBranch !== undefined ? { providerBranch: input.providerBranch } : {}),
    ...(input.publish ? { publish: true } : {}),
    ...(input.enablePending ? { enablePending: true } : {}),
    ...(since !== undefined ? { includeWipPactsSince: since } : {}),
    ...(selected !== undefined ? { consumerVersionSelectors: selectors(selected) } : {}),
  };
}

function realApi(input: VerifyInput, brokerGiven: boolean): VerifyOptions["realApi"] {
  const companions = (["otherAuthId", "otherSecret", "testPhone"] as const).filter((o) => input[o] !== undefined);
  if (!input.realApi) {
    if (companions[0]) fail((n) => `${n(companions[0]!)} applies to ${n("realApi")} only`);
    return undefined;
  }
  if (brokerGiven) {
    fail(
      (n) =>
        `${n("realApi")} verifies local pact files (${n("pactDir")}), not a broker's: fetch them first, or drop ${n("brokerUrl")}`,
    );
  }
  const contradicting =
    input.stateSetupUrl !== undefined ? "stateSetupUrl" : input.stateSetup === false ? "stateSetup" : undefined;
  if (contradicting) {
    fail((n) => `${n("realApi")} sets states up through the provider's own operations: drop ${n(contradicting)}`);
  }
  const other = (["otherAuthId", "otherSecret"] as const).filter((option) => !input[option]);
  if (other.length === 1) {
    fail(
      (n) =>
        `${n(other[0]!)} is not set: another merchant's card needs both ${n("otherAuthId")} and ${n("otherSecret")}`,
    );
  }
  const phone = input.testPhone;
  if (phone !== undefined && !/^\+?\d{5,15}$/.test(phone)) {
    fail((n) => `${n("testPhone")} must be a phone number (digits, optionally a leading +), got ${shown(phone)}`);
  }
  const otherCredentials = { authId: input.otherAuthId!, secret: input.otherSecret!, scheme: scheme(input) };
  return {
    ...(other.length === 0 ? { otherCredentials } : {}),
    ...(input.testPhone !== undefined ? { testPhone: input.testPhone } : {}),
  };
}

function scheme(input: VerifyInput): SignatureScheme {
  const value = input.scheme ?? "jws";
  if (value === "jws" || value === "sign") return value;
  return fail((n) => `${n("scheme")} must be jws or sign, got ${shown(value)}`);
}

/**
 * Fills in what is implied and rejects what cannot work, each rule stated once.
 * @example
 * resolveVerifyOptions({ providerBaseUrl: "http://127.0.0.1:4010", authId: "123456", secret: "…", timeoutSeconds: "30" });
 * // => { providerBaseUrl: "http://127.0.0.1:4010", credentials: { authId: "123456", secret: "…", scheme: "jws" },
 * //      timeoutSeconds: 30 }
 */
export function resolveVerifyOptions(input: VerifyInput): VerifyOptions {
  if (!input.providerBaseUrl) {
    fail((n) => `${n("providerBaseUrl")} is required: the provider to verify, e.g. http://127.0.0.1:4010`);
  }
  const missing = (["authId", "secret"] as const).filter((option) => !input[option]);
  if (missing.length > 0) {
    const are = missing.length > 1 ? "are" : "is";
    fail(
      (n) =>
        `${missing.map(n).join(" and ")} ${are} not set: every replayed request is re-signed with the provider's credentials`,
    );
  }
  const credentials = { authId: input.authId!, secret: input.secret!, scheme: scheme(input) };
  if (input.stateSetup === false && input.stateSetupUrl !== undefined) {
    fail((n) => `${n("stateSetupUrl")} and ${n("stateSetup")} contradict each other`);
  }
  if (input.pactDir === "") fail((n) => `${n("pactDir")} needs a directory`);
  const brokerOptions = broker(input);
  const real = realApi(input, brokerOptions !== undefined);
  const logLevel = input.logLevel;
  if (logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    fail((n) => `${n("logLevel")} must be one of ${LOG_LEVELS.join(", ")}, got ${shown(logLevel)}`);
  }
  const timeout = input.timeoutSeconds;
  const timeoutSeconds = (value: Numeric) =>
    seconds(value) ?? fail((n) => `${n("timeoutSeconds")} must be ${SECONDS_RULE}, got ${shown(value)}`);
  const states =
    input.stateSetup === false
      ? false
      : input.stateSetupUrl !== undefined
        ? url("stateSetupUrl", input.stateSetupUrl)
        : undefined;
  return {
    providerBaseUrl: url("providerBaseUrl", input.providerBaseUrl!),
    credentials,
    ...(input.pactDir !== undefined ? { pactDir: input.pactDir } : {}),
    ...(states !== undefined ? { stateSetupUrl: states } : {}),
    ...(input.provider !== undefined ? { provider: input.provider } : {}),
    ...(brokerOptions ? { broker: brokerOptions } : {}),
    ...(logLevel !== undefined ? { logLevel: logLevel as (typeof LOG_LEVELS)[number] } : {}),
    ...(timeout !== undefined ? { timeoutSeconds: timeoutSeconds(timeout) } : {}),
    ...(real ? { realApi: real } : {}),
  };
}
