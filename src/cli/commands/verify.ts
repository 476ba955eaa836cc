/** `fp-giftcards verify --provider-base-url URL [--pact-dir contracts] [--state-setup-url URL]` and Pact Broker options */
import { Command, Option } from "commander";
import { DEFAULT_PACT_DIR, NoPactFiles, UnverifiablePact } from "../../contracts/pact-files.js";
import { ProviderFault } from "../../upstream/send.js";
import { StateSetupFailed } from "../../contracts/state-setup.js";
import { formatFailure } from "../../contracts/verify-report.js";
import type { BrokerOptions, VerifyOptions, VerifyReport } from "../../contracts/verify-contracts.js";
import type { SignatureScheme } from "freedompay-gift-cards-client";
import { CommandFailed, UsageError } from "../errors.js";

interface VerifyFlags {
  providerBaseUrl?: string;
  pactDir?: string;
  stateSetupUrl?: string;
  /** `--no-state-setup` makes this false. */
  stateSetup?: boolean;
  scheme?: string;
  provider?: string;
  brokerUrl?: string;
  brokerToken?: string;
  providerVersion?: string;
  providerBranch?: string;
  publish?: boolean;
  enablePending?: boolean;
  includeWipPactsSince?: string;
  consumerVersionSelectors?: string;
  logLevel?: "error" | "warn" | "info";
  timeout?: string;
}

/** verify's deadline when --timeout is not given (src/contracts' DEFAULT_TIMEOUT_SECONDS, without loading Pact for --help). */
const DEFAULT_TIMEOUT = 60;

type Env = Record<string, string | undefined>;

/** An empty variable counts as unset (CI systems often define them empty). */
const read = (env: Env, name: string): string | undefined => (env[name] ? env[name] : undefined);

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} ${value} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`${flag} ${value} is not an http(s) URL`);
  return value;
}

function credentials(env: Env, flagScheme: string | undefined): VerifyOptions["credentials"] {
  const missing = ["FREEDOMPAY_AUTH_ID", "FREEDOMPAY_SECRET"].filter((name) => !read(env, name));
  if (missing.length > 0) {
    throw new UsageError(`${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: every replayed request is re-signed with the provider's credentials`);
  }
  const scheme = flagScheme ?? read(env, "FREEDOMPAY_SCHEME") ?? "jws";
  if (scheme !== "jws" && scheme !== "sign") throw new UsageError(`the scheme must be jws or sign, got ${JSON.stringify(scheme)} (--scheme or FREEDOMPAY_SCHEME)`);
  return { authId: env.FREEDOMPAY_AUTH_ID!, secret: env.FREEDOMPAY_SECRET!, scheme: scheme as SignatureScheme };
}

function selectors(json: string): Record<string, string | boolean>[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || !value.every((s) => s !== null && typeof s === "object" && !Array.isArray(s))) {
    throw new UsageError(`--consumer-version-selectors must be a JSON array of objects, e.g. '[{"mainBranch":true}]'`);
  }
  return value as Record<string, string | boolean>[];
}

function broker(flags: VerifyFlags, env: Env): BrokerOptions | undefined {
  const url = flags.brokerUrl ?? read(env, "PACT_BROKER_BASE_URL");
  const brokerOnly: [string, unknown][] = [
    ["--broker-token", flags.brokerToken], ["--provider-version", flags.providerVersion], ["--provider-branch", flags.providerBranch],
    ["--publish", flags.publish], ["--enable-pending", flags.enablePending], ["--include-wip-pacts-since", flags.includeWipPactsSince],
    ["--consumer-version-selectors", flags.consumerVersionSelectors],
  ];
  if (url === undefined) {
    const given = brokerOnly.find(([, value]) => value !== undefined);
    if (given) throw new UsageError(`${given[0]} needs --broker-url (or PACT_BROKER_BASE_URL)`);
    return undefined;
  }
  if (flags.publish && flags.providerVersion === undefined) throw new UsageError("--publish needs --provider-version");
  if (flags.includeWipPactsSince !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.includeWipPactsSince)) {
    throw new UsageError(`--include-wip-pacts-since takes a date YYYY-MM-DD, got ${flags.includeWipPactsSince}`);
  }
  const token = flags.brokerToken ?? read(env, "PACT_BROKER_TOKEN");
  return {
    url: httpUrl("--broker-url", url),
    ...(token ? { token } : {}),
    ...(flags.providerVersion !== undefined ? { providerVersion: flags.providerVersion } : {}),
    ...(flags.providerBranch !== undefined ? { providerBranch: flags.providerBranch } : {}),
    ...(flags.publish ? { publish: true } : {}),
    ...(flags.enablePending ? { enablePending: true } : {}),
    ...(flags.includeWipPactsSince !== undefined ? { includeWipPactsSince: flags.includeWipPactsSince } : {}),
    ...(flags.consumerVersionSelectors !== undefined ? { consumerVersionSelectors: selectors(flags.consumerVersionSelectors) } : {}),
  };
}

function timeoutSeconds(value: string): number {
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= 86_400)) throw new UsageError(`--timeout takes a number of seconds above 0 and at most 86400, got ${JSON.stringify(value)}`);
  return seconds;
}

/** Flags and environment → verifier options; every mistake is a one-line UsageError. */
export function toVerifyOptions(flags: VerifyFlags, env: Env = process.env): VerifyOptions {
  const base = flags.providerBaseUrl ?? read(env, "FREEDOMPAY_BASE_URL");
  if (base === undefined) throw new UsageError("--provider-base-url is required (or set FREEDOMPAY_BASE_URL)");
  if (flags.stateSetup === false && flags.stateSetupUrl !== undefined) throw new UsageError("--state-setup-url and --no-state-setup contradict each other");
  const brokerOptions = broker(flags, env);
  return {
    providerBaseUrl: httpUrl("--provider-base-url", base),
    credentials: credentials(env, flags.scheme),
    ...(flags.pactDir !== undefined ? { pactDir: flags.pactDir } : {}),
    ...(flags.stateSetup === false ? { stateSetupUrl: false as const } : flags.stateSetupUrl !== undefined ? { stateSetupUrl: httpUrl("--state-setup-url", flags.stateSetupUrl) } : {}),
    ...(flags.provider !== undefined ? { provider: flags.provider } : {}),
    ...(brokerOptions ? { broker: brokerOptions } : {}),
    ...(flags.logLevel !== undefined ? { logLevel: flags.logLevel } : {}),
    ...(flags.timeout !== undefined ? { timeoutSeconds: timeoutSeconds(flags.timeout) } : {}),
  };
}

const HELP = `
Environment:
  FREEDOMPAY_AUTH_ID, FREEDOMPAY_SECRET  the provider's credentials (required): recorded
                                         signatures are dropped and every replayed request
                                         is signed again with these
  FREEDOMPAY_SCHEME                      jws (default) or sign, as --scheme
  FREEDOMPAY_BASE_URL                    the provider, when --provider-base-url is not given
  PACT_BROKER_BASE_URL, PACT_BROKER_TOKEN  as --broker-url and --broker-token

Provider states are set up by the provider: POST <provider-base-url>/__control/state
{"action":"setup"|"teardown","state":…,"params":{…}} (the stateful mock's control API), or
--state-setup-url. Every state of the local pacts is set up once before the run; a refused
state stops it. --no-state-setup skips this (e.g. the real sandbox, which has no control
API): interactions that depend on a state will then likely fail.

Pact Broker: with --broker-url the pacts come from the broker (for --provider), selected by
--consumer-version-selectors, --enable-pending and --include-wip-pacts-since; --publish
sends the results for --provider-version (and --provider-branch). Prefer PACT_BROKER_TOKEN to
--broker-token: a command line is visible to other processes.

Bounded: the run gives up, in one line, when the provider takes longer than --timeout
(default ${DEFAULT_TIMEOUT} s) to answer one request — a state setup or a replay — or when nothing
happens for that long; a provider that refuses, closes, answers garbage or sends more than
1 MiB stops it at once. Pact's own report and log lines go to stdout; the verdict to stderr.

Exit status: 0 only when at least one interaction was replayed and every interaction of the
pacts passed; 1 on any failure (each one is listed with its interaction, path, expected and
actual), on a pact with no interaction or for another provider, and on any network fault;
2 for a usage error.`;

/** The one line that says why a run that went through did not pass. */
function verdict(report: VerifyReport): string {
  const against = `against ${report.providerBaseUrl}`;
  const credentials =
    report.unauthorized > 0
      ? `; the provider refused ${report.unauthorized} replayed request${report.unauthorized === 1 ? "" : "s"} with HTTP 401: check FREEDOMPAY_AUTH_ID, FREEDOMPAY_SECRET and the scheme (--scheme or FREEDOMPAY_SCHEME)`
      : "";
  // No interaction at all (e.g. no pacts in the broker) is a failure too, said as such.
  if (report.total === 0) return `no interaction was verified ${against} (see above)`;
  if (report.failures.length > 0) return `${report.failures.length} of ${report.total} interactions failed ${against}${credentials}`;
  return `Pact replayed ${report.total} of the ${report.expected} interactions of the pacts ${against}; the others were not verified`;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("replay the pact files against a provider, re-signing every request with the provider's credentials")
    .option("--provider-base-url <url>", "the provider to verify, e.g. http://127.0.0.1:4010 (default: FREEDOMPAY_BASE_URL)")
    .option("--pact-dir <dir>", `the directory of pact files (default: ${DEFAULT_PACT_DIR}, unless --broker-url)`)
    .option("--state-setup-url <url>", "where provider states are set up (default: <provider-base-url>/__control/state)")
    .option("--no-state-setup", "do not set up provider states (a provider without a control API)")
    .addOption(new Option("--scheme <scheme>", "signature scheme (default: FREEDOMPAY_SCHEME or jws)").choices(["jws", "sign"]))
    .option("--provider <name>", "the provider's name in the pacts and the broker (default: freedompay-gift-cards)")
    .option("--broker-url <url>", "fetch the pacts from this Pact Broker instead of --pact-dir")
    .option("--broker-token <token>", "Pact Broker bearer token (default: PACT_BROKER_TOKEN)")
    .option("--provider-version <version>", "the provider version verified (needed by --publish)")
    .option("--provider-branch <branch>", "the provider's branch, published with the results")
    .option("--publish", "publish the verification results to the broker")
    .option("--enable-pending", "pending pacts are verified but cannot fail the run")
    .option("--include-wip-pacts-since <date>", "also verify work-in-progress pacts since YYYY-MM-DD")
    .option("--consumer-version-selectors <json>", `which consumer versions to verify, e.g. '[{"mainBranch":true},{"deployedOrReleased":true}]'`)
    .addOption(new Option("--log-level <level>", "Pact's own log level (default: error)").choices(["error", "warn", "info"]))
    .option("--timeout <seconds>", `give up the whole run when the provider does not answer a request within this time, or nothing happens for as long (default: ${DEFAULT_TIMEOUT})`)
    .addHelpText("after", HELP)
    .action(async (flags: VerifyFlags) => {
      const options = toVerifyOptions(flags);
      // Loaded on use: Pact's verifier is heavy, and every other command would pay for it.
      const { defaultStateSetupUrl, VerifierDidNotRun, verifyContracts } = await import("../../contracts/verify-contracts.js");
      if (options.stateSetupUrl === false) {
        process.stderr.write("fp-giftcards verify: warning: provider states are not set up (--no-state-setup); interactions that depend on one will likely fail\n");
      }
      const stateUrl = options.stateSetupUrl ?? defaultStateSetupUrl(options.providerBaseUrl);
      const report = await verifyContracts(options).catch((error: unknown) => {
        if (error instanceof NoPactFiles || error instanceof UnverifiablePact) throw new UsageError(error.message, 1);
        if (error instanceof StateSetupFailed || error instanceof ProviderFault || error instanceof VerifierDidNotRun) throw new CommandFailed(error.message);
        throw error;
      });
      const out = (text: string) => process.stdout.write(`${text}\n`);
      if (report.pending.length > 0) out(`\nPending (not failing the run):\n${report.pending.map(formatFailure).join("\n")}`);
      if (report.failures.length > 0) out(`\nFailed interactions:\n${report.failures.map(formatFailure).join("\n")}`);
      if (!report.ok) throw new CommandFailed(verdict(report));
      out(`${report.total} interaction${report.total === 1 ? "" : "s"} verified against ${report.providerBaseUrl}${stateUrl ? ` (states set up by ${stateUrl})` : ""}`);
    });
}
