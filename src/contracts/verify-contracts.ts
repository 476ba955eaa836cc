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
 * - the result is read from Pact's JSON, so each failure is reported by interaction and path;
 * - with `realApi` (a provider we do not control, e.g. the sandbox) states are set up through the
 *   provider's own operations, each interaction on a fresh card, and what no operation can set up
 *   is reported "not verifiable on a real API" with its reason, never replayed (real-api.ts).
 */
import { assertVerifiable, DEFAULT_PACT_DIR, PROVIDER_NAME, readPactDir, type PactFile } from "./pact-files.js";
import { startPactProcess, type PactOutcome } from "./pact-process.js";
import { DEFAULT_TIMEOUT_SECONDS, type BrokerOptions, type VerifyOptions } from "./verify-options.js";
import { MAX_ANSWER_BYTES, ProviderFault, type ProviderLimits } from "../upstream/send.js";
import { startProviderGuard } from "./provider-guard.js";
import { checkReachable } from "./reachable.js";
import { checkStateSetup, distinctStates } from "./state-setup.js";
import { parseResults, type InteractionFailure, type VerificationResults } from "./verify-report.js";
import { createGiftCardsClient, type SigningCredentials } from "freedompay-gift-cards-client";
import {
  planRealApi,
  realApiHolder,
  realApiStateHandler,
  writePlannedPacts,
  type NotVerifiableInteraction,
} from "./real-api.js";
import type { RealApiContext } from "./real-api-states.js";

export type { BrokerOptions, RealApiOptions, VerifyOptions } from "./verify-options.js";

export interface VerifyReport extends VerificationResults {
  ok: boolean;
  providerBaseUrl: string;
  /** How many interactions the local pacts hold (undefined with a broker). */
  expected?: number;
  /** Replays the provider refused with HTTP 401: the credentials are not the provider's. */
  unauthorized: number;
  /** With `realApi`: the interactions no public operation can set up, each with why (never replayed). */
  notVerifiable?: NotVerifiableInteraction[];
  /** With `realApi`: how many interactions the pacts hold, verifiable or not. */
  interactions?: number;
}

export { DEFAULT_TIMEOUT_SECONDS } from "./verify-options.js";

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
    ...(broker.consumerVersionSelectors !== undefined
      ? { consumerVersionSelectors: broker.consumerVersionSelectors }
      : {}),
  };
}

/** Pact against the guard, in its child process; the first fault or a silent spell stops both. */
interface Replay {
  outcome: PactOutcome;
  unauthorized: number;
  stateFailures: ReadonlyMap<string, string>;
}

/** How states are set up in a run: by a URL, by a handler here, or not at all. */
type States =
  | { url: string }
  | { handler: NonNullable<Parameters<typeof startProviderGuard>[0]["stateHandler"]> }
  | false;

async function replay(
  options: VerifyOptions,
  pacts: PactFile[] | undefined,
  states: States,
  limits: ProviderLimits,
): Promise<Replay> {
  let lastActivity = Date.now();
  let stop!: (error: Error) => void;
  const stopped = new Promise<never>((_resolve, reject) => (stop = reject));
  stopped.catch(() => undefined); // settled by the race below, or never looked at
  const guard = await startProviderGuard({
    providerBaseUrl: options.providerBaseUrl,
    ...(states !== false && "url" in states ? { stateSetupUrl: states.url } : {}),
    ...(states !== false && "handler" in states ? { stateHandler: states.handler } : {}),
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
      stop(
        new VerifierDidNotRun(
          `Pact's verifier made no progress for ${limits.timeoutMs / 1000} s; the verification stopped (--timeout)`,
        ),
      );
    }
  }, 250);
  try {
    const outcome = await Promise.race([pact.outcome, stopped]);
    return { outcome, unauthorized: guard.unauthorized, stateFailures: guard.stateFailures };
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
  if (options.realApi) return verifyOnRealApi(options, pacts, limits);
  const stateSetupUrl =
    options.stateSetupUrl === undefined ? defaultStateSetupUrl(providerBaseUrl) : options.stateSetupUrl;
  await checkReachable(providerBaseUrl, limits.timeoutMs);
  if (stateSetupUrl !== false && pacts !== undefined)
    await checkStateSetup(stateSetupUrl, distinctStates(pacts), limits);

  const { outcome, unauthorized, stateFailures } = await replay(
    options,
    pacts,
    stateSetupUrl === false ? false : { url: stateSetupUrl },
    limits,
  );
  const parsed = parseResults(outcome.json, pacts ?? []);
  if (!parsed)
    throw new VerifierDidNotRun(
      `Pact's verifier did not run: ${outcome.json.trim().split("\n")[0]?.slice(0, 300) ?? ""}`,
    );
  const results = { ...parsed, failures: withSetupReasons(parsed.failures, stateFailures) };
  const expected = pacts?.reduce((sum, pact) => sum + pact.interactions.length, 0);
  const complete = results.total > 0 && (expected === undefined || results.total === expected);
  return {
    ...results,
    ok: complete && results.failures.length === 0,
    providerBaseUrl,
    ...(expected !== undefined ? { expected } : {}),
    unauthorized,
  };
}

/** A failed state setup is reported in its own words, not Pact's "a state change handler has failed". */
function withSetupReasons(
  failures: InteractionFailure[],
  stateFailures: ReadonlyMap<string, string>,
): InteractionFailure[] {
  return failures.map((failure) => {
    const state = [...stateFailures.keys()].find((name) => failure.interaction.includes(`(given ${name}`));
    if (state === undefined || !failure.mismatches.some((m) => /state change/i.test(m.message))) return failure;
    return {
      ...failure,
      mismatches: [{ kind: "StateSetupFailed", path: "provider state", message: stateFailures.get(state)! }],
    };
  });
}

/** `realApi`: plan which interactions can be verified, replay those with states set up here. */
async function verifyOnRealApi(
  options: VerifyOptions,
  pacts: PactFile[] | undefined,
  limits: ProviderLimits,
): Promise<VerifyReport> {
  if (!pacts || options.broker) throw new RangeError("realApi verifies local pact files (pactDir), not a broker's");
  assertVerifiable(pacts, { provider: options.provider ?? PROVIDER_NAME });
  const clientOf = (credentials: SigningCredentials) =>
    createGiftCardsClient({ baseUrl: options.providerBaseUrl, ...credentials, timeoutMs: limits.timeoutMs });
  const other = options.realApi?.otherCredentials;
  const context: Omit<RealApiContext, "issued"> = {
    client: clientOf(options.credentials),
    ...(other ? { otherClient: clientOf(other) } : {}),
    holder: realApiHolder(pacts, options.realApi?.testPhone),
  };
  const plan = planRealApi(pacts, context);
  const base = {
    providerBaseUrl: options.providerBaseUrl,
    notVerifiable: plan.notVerifiable,
    interactions: plan.total,
    expected: plan.total - plan.notVerifiable.length,
  };
  if (plan.verifiable.length === 0) return { ...base, ok: false, total: 0, failures: [], pending: [], unauthorized: 0 };
  await checkReachable(options.providerBaseUrl, limits.timeoutMs);
  const written = writePlannedPacts(plan.verifiable);
  try {
    const { outcome, unauthorized, stateFailures } = await replay(
      options,
      written.pacts,
      { handler: realApiStateHandler(context) },
      limits,
    );
    const results = parseResults(outcome.json, written.pacts);
    if (!results)
      throw new VerifierDidNotRun(
        `Pact's verifier did not run: ${outcome.json.trim().split("\n")[0]?.slice(0, 300) ?? ""}`,
      );
    const failures = withSetupReasons(results.failures, stateFailures);
    const ok = results.total === base.expected && failures.length === 0 && results.total > 0;
    return { ...base, ...results, failures, ok, unauthorized };
  } finally {
    written.remove();
  }
}

/** A `realApi` run's counts: M interactions = N verified + K not verifiable + F failed. */
export interface RealApiCounts {
  verified: number;
  interactions: number;
  notVerifiable: number;
  /** Failed, and any Pact did not replay. */
  failed: number;
}

/**
 * The counts of a `realApi` report, and its closing line.
 * @example
 * realApiLine(report); // "13 of 22 interactions verified against https://test-api.freedompay.kz; 9 not verifiable on a real API; 0 failed"
 */
export function realApiCounts(report: VerifyReport): RealApiCounts {
  const notVerifiable = report.notVerifiable?.length ?? 0;
  const interactions = report.interactions ?? report.total;
  const verified = report.total - report.failures.length;
  return { verified, interactions, notVerifiable, failed: interactions - notVerifiable - verified };
}

export function realApiLine(report: VerifyReport): string {
  const { verified, interactions, notVerifiable, failed } = realApiCounts(report);
  return `${verified} of ${interactions} interactions verified against ${report.providerBaseUrl}; ${notVerifiable} not verifiable on a real API; ${failed} failed`;
}
