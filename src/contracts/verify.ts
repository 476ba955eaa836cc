/**
 * `verify`: replays the contracts against any provider base URL — the simulator, Prism, the
 * real sandbox — with Pact's own Verifier. Three things make that honest here:
 * - every replayed request is re-signed with the provider's credentials (re-sign.ts);
 * - provider states are set up by the provider (`POST <base>/__control/state`, or another
 *   URL), checked once up front so a missing state stops the run with the provider's reason;
 * - the result is read from Pact's JSON, so each failure is reported by interaction and path.
 */
import { Verifier } from "@pact-foundation/pact";
import { readPactDir, DEFAULT_PACT_DIR, PROVIDER_NAME, type PactFile } from "./pact-files.js";
import { checkReachable } from "./reachable.js";
import type { SigningCredentials } from "../signing/headers.js";
import { reSigningFilter } from "./re-sign.js";
import { checkStateSetup, distinctStates } from "./state-setup.js";
import { parseResults, type VerificationResults } from "./verify-report.js";

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
}

export interface VerifyReport extends VerificationResults {
  ok: boolean;
  providerBaseUrl: string;
}

/** The verifier could not run at all (not a failed verification). */
export class VerifierDidNotRun extends Error {}

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

async function runPact(verifier: Verifier, pacts: PactFile[]): Promise<VerificationResults> {
  let json: string;
  try {
    json = await verifier.verifyProvider();
  } catch (error) {
    // A failed verification rejects with the results JSON as its message; anything else did not run.
    json = (error as Error).message;
    const results = parseResults(json, pacts);
    if (!results) throw new VerifierDidNotRun(`Pact's verifier did not run: ${json}`);
    return results;
  }
  const results = parseResults(json, pacts);
  if (!results) throw new VerifierDidNotRun(`Pact's verifier gave no results: ${json.slice(0, 300)}`);
  return results;
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
  const { providerBaseUrl, credentials, broker } = options;
  const pactDir = options.pactDir ?? (broker ? undefined : DEFAULT_PACT_DIR);
  const pacts = pactDir !== undefined ? readPactDir(pactDir) : [];
  const stateSetupUrl = options.stateSetupUrl === undefined ? defaultStateSetupUrl(providerBaseUrl) : options.stateSetupUrl;
  await checkReachable(providerBaseUrl);
  if (stateSetupUrl !== false) await checkStateSetup(stateSetupUrl, distinctStates(pacts));

  const verifier = new Verifier({
    provider: options.provider ?? PROVIDER_NAME,
    providerBaseUrl,
    ...(pactDir !== undefined ? { pactUrls: pacts.map((p) => p.path) } : {}),
    // Without a URL, Pact's proxy answers state setups itself: nothing is set up.
    ...(stateSetupUrl !== false ? { providerStatesSetupUrl: stateSetupUrl } : {}),
    requestFilter: reSigningFilter(credentials, new URL(providerBaseUrl).pathname) as never,
    logLevel: options.logLevel ?? "error",
    failIfNoPactsFound: true,
    ...(broker ? brokerConfig(broker) : {}),
  });
  const results = await runPact(verifier, pacts);
  return { ...results, ok: results.failures.length === 0, providerBaseUrl };
}
