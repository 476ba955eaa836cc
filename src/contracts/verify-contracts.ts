/**
 * `verify`: replays the contracts against any provider base URL — the simulator, Prism, the
 * real sandbox — with Pact's own verifier. Consumers' CI trusts its exit code, so it is
 * honest and it ends:
 * - it passes only when at least one interaction was replayed and every one passed (all of
 *   the local pacts' interactions); no pact, an empty pact or another provider's is an error;
 * - every replayed request is re-signed with the provider's credentials (src/upstream/re-sign.ts);
 * - provider states are set up by the provider (`POST <base>/__control/state`, or another
 *   URL), checked once up front so a missing state stops the run with the provider's reason;
 * - Pact runs in a child process (pact-process.ts) and talks only to a guard in front of the
 *   provider (provider-guard.ts): the first network fault — refused, closed, garbage, stalled,
 *   endless — stops the whole run, and so does a run that makes no progress for `timeoutSeconds`
 *   (default 60): one line, never a stack, never a hang;
 * - the result is read from Pact's JSON, so each failure is reported by interaction and path.
 */
import { assertVerifiable, DEFAULT_PACT_DIR, PROVIDER_NAME, readPactDir, type PactFile } from "./pact-files.js";
import { startPactProcess, type PactOutcome } from "./pact-process.js";
import { MAX_ANSWER_BYTES, ProviderFault, type ProviderLimits } from "../upstream/send.js";
import { startProviderGuard } from "./provider-guard.js";
import { checkReachable } from "./reachable.js";
import { checkStateSetup, distinctStates } from "./state-setup.js";
import { parseResults, type VerificationResults } from "./verify-report.js";
import type { SigningCredentials } from "freedompay-gift-cards-client";

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
}

export interface VerifyReport extends VerificationResults {
  ok: boolean;
  providerBaseUrl: string;
  /** How many interactions the local pacts hold (undefined with a broker). */
  expected?: number;
  /** Replays the provider refused with HTTP 401: the credentials are not the provider's. */
  unauthorized: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The verifier could not run at all, or stopped making progress (not a failed verification). */
export class VerifierDidNotRun extends Error {
  override name = "VerifierDidNotRun";
}

/**
 * The simulator's control API for provider states, under a provider base URL.
 * @example
 * defaultStateSetupUrl("http://127.0.0.1:4010/"); // "http://127.0.0.1:4010/__control/state"
 */
export function defaultStateSetupUrl(providerBaseUrl: string): string {
  return `${providerBaseUrl.replace(/\/+$/, "")}/__control/state`;
}

function brokerConfig(broker: BrokerOptions) {
  return {
    pactBrokerUrl: broker.url,
    ...(broker.token !== undefined ? { pactBrokerToken: broker.token } : {}),
    ...(broker.providerVersion !== undefined ? { providerVersion: broker.providerVersion } : {}),
    ...(broker.providerBranch !== undefined ? { providerVersionBranch: broker.providerBranch } : {}),
    publishVerificationResult: broker.publish === true,
    enablePending: broker.enablePending === true,
    ...(broker.includeWipPactsSince !== undefined ? { includeWipPactsSince: broker.includeWipPactsSince } : {}),
    ...(broker.consumerVersionSelectors !== undefined ? { consumerVersionSelectors: broker.consumerVersionSelectors } : {}),
  };
}

interface Replay {
  outcome: PactOutcome;
  unauthorized: number;
}

/** Pact against the guard, in its child process; the first fault or a silent spell stops both. */
async function replay(options: VerifyOptions, pacts: PactFile[] | undefined, stateSetupUrl: string | false, limits: ProviderLimits): Promise<Replay> {
  let lastActivity = Date.now();
  let stop!: (error: Error) => void;
  const stopped = new Promise<never>((_resolve, reject) => (stop = reject));
  stopped.catch(() => undefined); // settled by the race below, or never looked at
  const guard = await startProviderGuard({
    providerBaseUrl: options.providerBaseUrl,
    ...(stateSetupUrl !== false ? { stateSetupUrl } : {}),
    credentials: options.credentials,
    limits,
    onFault: (fault) => stop(new ProviderFault(fault.kind, `${fault.message}; the verification stopped there`)),
    onActivity: () => (lastActivity = Date.now()),
  });
  const output = options.output ?? ((text: string) => void process.stdout.write(text));
  const pact = startPactProcess(
    {
      provider: options.provider ?? PROVIDER_NAME,
      providerBaseUrl: guard.url,
      ...(pacts !== undefined ? { pactUrls: pacts.map((p) => p.path) } : {}),
      ...(guard.stateSetupUrl !== undefined ? { providerStatesSetupUrl: guard.stateSetupUrl } : {}),
      logLevel: options.logLevel ?? "error",
      failIfNoPactsFound: true,
      // Pact's own limit per request, later than the guard's so that the guard speaks first.
      timeout: limits.timeoutMs + 5_000,
      ...(options.broker ? brokerConfig(options.broker) : {}),
    },
    (text) => {
      lastActivity = Date.now();
      output(text);
    },
  );
  // The guard's deadline covers a request in flight; this covers a run in which nothing moves.
  const watchdog = setInterval(() => {
    if (Date.now() - lastActivity > limits.timeoutMs + 1_000) {
      stop(new VerifierDidNotRun(`Pact's verifier made no progress for ${limits.timeoutMs / 1000} s; the verification stopped (--timeout)`));
    }
  }, 250);
  try {
    const outcome = await Promise.race([pact.outcome, stopped]);
    return { outcome, unauthorized: guard.unauthorized };
  } finally {
    clearInterval(watchdog);
    pact.kill();
    await guard.close();
  }
}

/**
 * @example
 * const report = await verifyContracts({
 *   providerBaseUrl: "http://127.0.0.1:4010",
 *   credentials: { authId: "123456", secret: process.env.FREEDOMPAY_SECRET!, scheme: "jws" },
 * });
 * if (!report.ok) for (const f of report.failures) console.log(formatFailure(f));
 */
export async function verifyContracts(options: VerifyOptions): Promise<VerifyReport> {
  const { providerBaseUrl, broker } = options;
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(timeoutSeconds > 0)) throw new RangeError(`timeoutSeconds must be above 0, got ${timeoutSeconds}`);
  const limits: ProviderLimits = { timeoutMs: timeoutSeconds * 1000, maxAnswerBytes: MAX_ANSWER_BYTES };
  const pactDir = options.pactDir ?? (broker ? undefined : DEFAULT_PACT_DIR);
  const pacts = pactDir !== undefined ? readPactDir(pactDir) : undefined;
  // Any provider's own state setup may know states the simulator's catalogue does not.
  if (pacts) assertVerifiable(pacts, { provider: options.provider ?? PROVIDER_NAME, states: false });
  const stateSetupUrl = options.stateSetupUrl === undefined ? defaultStateSetupUrl(providerBaseUrl) : options.stateSetupUrl;
  await checkReachable(providerBaseUrl, limits.timeoutMs);
  if (stateSetupUrl !== false && pacts !== undefined) await checkStateSetup(stateSetupUrl, distinctStates(pacts), limits);

  const { outcome, unauthorized } = await replay(options, pacts, stateSetupUrl, limits);
  const results = parseResults(outcome.json, pacts ?? []);
  if (!results) throw new VerifierDidNotRun(`Pact's verifier did not run: ${outcome.json.trim().split("\n")[0]?.slice(0, 300) ?? ""}`);
  const expected = pacts?.reduce((sum, pact) => sum + pact.interactions.length, 0);
  const complete = results.total > 0 && (expected === undefined || results.total === expected);
  return { ...results, ok: complete && results.failures.length === 0, providerBaseUrl, ...(expected !== undefined ? { expected } : {}), unauthorized };
}
