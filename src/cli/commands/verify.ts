/** `fp-giftcards verify --provider-base-url URL [--pact-dir pacts] [--state-setup-url URL | --real-api]` and Pact Broker options */
import { Command, Option } from "commander";
import { DEFAULT_PACT_DIR, NoPactFiles, UnverifiablePact } from "../../contracts/pact-files.js";
import { ProviderFault } from "../../upstream/send.js";
import { StateSetupFailed } from "../../contracts/state-setup.js";
import { formatFailure } from "../../contracts/verify-report.js";
import type { VerifyOptions, VerifyReport } from "../../contracts/verify-contracts.js";
import {
  DEFAULT_TIMEOUT_SECONDS,
  resolveVerifyOptions,
  VerifyOptionsError,
  type VerifyInput,
  type VerifyOptionName,
} from "../../contracts/verify-options.js";
import { CommandFailed, UsageError } from "../errors.js";
import { pactDirError } from "./pact-dir.js";

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
  realApi?: boolean;
}

type Env = Record<string, string | undefined>;

/** An empty variable counts as unset (CI systems often define them empty). */
const read = (env: Env, name: string): string | undefined => (env[name] ? env[name] : undefined);

/**
 * Flags and environment to verify's input, as given: every rule is src/contracts'
 * (`resolveVerifyOptions`). Secrets come from the environment only.
 */
export function toVerifyInput(flags: VerifyFlags, env: Env = process.env): VerifyInput {
  const given: VerifyInput = {
    providerBaseUrl: flags.providerBaseUrl ?? read(env, "FREEDOMPAY_BASE_URL"),
    authId: read(env, "FREEDOMPAY_AUTH_ID"),
    secret: read(env, "FREEDOMPAY_SECRET"),
    scheme: flags.scheme ?? read(env, "FREEDOMPAY_SCHEME"),
    pactDir: flags.pactDir,
    stateSetupUrl: flags.stateSetupUrl,
    stateSetup: flags.stateSetup === false ? false : undefined,
    provider: flags.provider,
    brokerUrl: flags.brokerUrl ?? read(env, "PACT_BROKER_BASE_URL"),
    brokerToken: flags.brokerToken ?? read(env, "PACT_BROKER_TOKEN"),
    providerVersion: flags.providerVersion,
    providerBranch: flags.providerBranch,
    publish: flags.publish,
    enablePending: flags.enablePending,
    includeWipPactsSince: flags.includeWipPactsSince,
    consumerVersionSelectors: flags.consumerVersionSelectors,
    logLevel: flags.logLevel,
    timeoutSeconds: flags.timeout,
    realApi: flags.realApi,
    // The real API's companions are read only for --real-api: set in a shell, they must not stop other runs.
    ...(flags.realApi
      ? {
          otherAuthId: read(env, "FREEDOMPAY_OTHER_AUTH_ID"),
          otherSecret: read(env, "FREEDOMPAY_OTHER_SECRET"),
          testPhone: read(env, "FREEDOMPAY_TEST_PHONE"),
        }
      : {}),
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as VerifyInput;
}

/** How the CLI names an option in a message: its flag, or the variable it came from. */
function optionNames(flags: VerifyFlags, env: Env): VerifyOptionName {
  const fromFlagOrEnv = (flag: string, given: unknown, variable: string) =>
    given !== undefined ? flag : read(env, variable) !== undefined ? variable : `${flag} (or ${variable})`;
  const names: Partial<Record<keyof VerifyInput, string>> = {
    providerBaseUrl: fromFlagOrEnv("--provider-base-url", flags.providerBaseUrl, "FREEDOMPAY_BASE_URL"),
    authId: "FREEDOMPAY_AUTH_ID",
    secret: "FREEDOMPAY_SECRET",
    scheme: flags.scheme !== undefined ? "--scheme" : "FREEDOMPAY_SCHEME",
    pactDir: "--pact-dir",
    stateSetupUrl: "--state-setup-url",
    stateSetup: "--no-state-setup",
    provider: "--provider",
    brokerUrl: fromFlagOrEnv("--broker-url", flags.brokerUrl, "PACT_BROKER_BASE_URL"),
    brokerToken: flags.brokerToken !== undefined ? "--broker-token" : "PACT_BROKER_TOKEN",
    providerVersion: "--provider-version",
    providerBranch: "--provider-branch",
    publish: "--publish",
    enablePending: "--enable-pending",
    includeWipPactsSince: "--include-wip-pacts-since",
    consumerVersionSelectors: "--consumer-version-selectors",
    logLevel: "--log-level",
    timeoutSeconds: "--timeout",
    realApi: "--real-api",
    otherAuthId: "FREEDOMPAY_OTHER_AUTH_ID",
    otherSecret: "FREEDOMPAY_OTHER_SECRET",
    testPhone: "FREEDOMPAY_TEST_PHONE",
  };
  return (option) => names[option] ?? option;
}

/** Flags and environment → verifier options; every mistake is a one-line UsageError in the CLI's names. */
export function toVerifyOptions(flags: VerifyFlags, env: Env = process.env): VerifyOptions {
  try {
    return resolveVerifyOptions(toVerifyInput(flags, env));
  } catch (error) {
    if (error instanceof VerifyOptionsError) throw new UsageError(error.explain(optionNames(flags, env)));
    throw error;
  }
}

const HELP = `
Environment:
  FREEDOMPAY_AUTH_ID, FREEDOMPAY_SECRET  the provider's credentials (required): recorded
                                         signatures are dropped and every replayed request
                                         is signed again with these
  FREEDOMPAY_SCHEME                      jws (default) or sign, as --scheme
  FREEDOMPAY_BASE_URL                    the provider, when --provider-base-url is not given
  PACT_BROKER_BASE_URL, PACT_BROKER_TOKEN  as --broker-url and --broker-token

  FREEDOMPAY_OTHER_AUTH_ID, FREEDOMPAY_OTHER_SECRET  with --real-api: a second merchant, so that
                                         "a card of another merchant" can be set up
  FREEDOMPAY_TEST_PHONE                  with --real-api: the phone fresh cards are issued to
                                         (their SMS goes there); default the contract's

Provider states are set up by the provider: POST <provider-base-url>/__control/state
{"action":"setup"|"teardown","state":…,"params":{…}} (the stateful mock's control API), or
--state-setup-url; the values it answers are injected where the contract wrote
fromProviderState. Every state of the local pacts is set up once before the run; a refused
state stops it. --no-state-setup skips this: interactions that depend on a state will then
likely fail.

A provider you do not control (the sandbox, or mock --sandbox-like) has no control API: use
--real-api. Each interaction's state is then set up through the provider's own operations,
signed with FREEDOMPAY_AUTH_ID/FREEDOMPAY_SECRET (a fresh card issued for each interaction that
needs one; it costs what an issue costs there), and the new card's id is injected. What no
public operation can set up (the OTP the holder received, an activated card, an empty partner
balance, another merchant's card without FREEDOMPAY_OTHER_*) is listed "not verifiable on a
real API" with why, never replayed. The last line:
  fp-giftcards verify: N of M interactions verified against URL; K not verifiable on a real API; F failed
and the exit status is 0 only when F is 0 and N at least 1. docs/sandbox.md explains it.

Pact Broker: with --broker-url the pacts come from the broker (for --provider), selected by
--consumer-version-selectors, --enable-pending and --include-wip-pacts-since; --publish
sends the results for --provider-version (and --provider-branch). Prefer PACT_BROKER_TOKEN to
--broker-token: a command line is visible to other processes.

Bounded: the run gives up, in one line, when the provider takes longer than --timeout
(default ${DEFAULT_TIMEOUT_SECONDS} s) to answer one request — a state setup or a replay — or when nothing
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
  if (report.failures.length > 0)
    return `${report.failures.length} of ${report.total} interactions failed ${against}${credentials}`;
  return `Pact replayed ${report.total} of the ${report.expected} interactions of the pacts ${against}; the others were not verified`;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("replay the pact files against a provider, re-signing every request with the provider's credentials")
    .option(
      "--provider-base-url <url>",
      "the provider to verify, e.g. http://127.0.0.1:4010 (default: FREEDOMPAY_BASE_URL)",
    )
    .option(
      "--pact-dir <dir>",
      `the directory of pact files (default: ${DEFAULT_PACT_DIR}, where giftCardsPact writes; unless --broker-url)`,
    )
    .option(
      "--state-setup-url <url>",
      "where provider states are set up (default: <provider-base-url>/__control/state)",
    )
    .option("--no-state-setup", "do not set up provider states")
    .option(
      "--real-api",
      "the provider is a real API (the sandbox): set states up through its own operations, report what cannot be",
    )
    .addOption(
      new Option("--scheme <scheme>", "signature scheme (default: FREEDOMPAY_SCHEME or jws)").choices(["jws", "sign"]),
    )
    .option("--provider <name>", "the provider's name in the pacts and the broker (default: freedompay-gift-cards)")
    .option("--broker-url <url>", "fetch the pacts from this Pact Broker instead of --pact-dir")
    .option("--broker-token <token>", "Pact Broker bearer token (default: PACT_BROKER_TOKEN)")
    .option("--provider-version <version>", "the provider version verified (needed by --publish)")
    .option("--provider-branch <branch>", "the provider's branch, published with the results")
    .option("--publish", "publish the verification results to the broker")
    .option("--enable-pending", "pending pacts are verified but cannot fail the run")
    .option("--include-wip-pacts-since <date>", "also verify work-in-progress pacts since YYYY-MM-DD")
    .option(
      "--consumer-version-selectors <json>",
      `which consumer versions to verify, e.g. '[{"mainBranch":true},{"deployedOrReleased":true}]'`,
    )
    .addOption(
      new Option("--log-level <level>", "Pact's own log level (default: error)").choices(["error", "warn", "info"]),
    )
    .option(
      "--timeout <seconds>",
      `give up the whole run when the provider does not answer a request within this time, or nothing happens for as long (default: ${DEFAULT_TIMEOUT_SECONDS})`,
    )
    .addHelpText("after", HELP)
    .action(async (flags: VerifyFlags) => {
      const options = toVerifyOptions(flags);
      // Loaded on use: Pact's verifier is heavy, and every other command would pay for it.
      const { defaultStateSetupUrl, realApiLine, VerifierDidNotRun, verifyContracts } = await import(
        "../../contracts/verify-contracts.js"
      );
      if (options.stateSetupUrl === false) {
        process.stderr.write(
          "fp-giftcards verify: warning: provider states are not set up (--no-state-setup); interactions that depend on one will likely fail\n",
        );
      }
      const report = await verifyContracts(options).catch((error: unknown) => {
        const dirError = pactDirError(error);
        if (dirError) throw dirError;
        if (error instanceof NoPactFiles || error instanceof UnverifiablePact) throw new UsageError(error.message, 1);
        if (error instanceof StateSetupFailed || error instanceof ProviderFault || error instanceof VerifierDidNotRun)
          throw new CommandFailed(error.message);
        throw error;
      });
      const out = (text: string) => process.stdout.write(`${text}\n`);
      if (report.notVerifiable?.length) {
        out(
          `\nNot verifiable on a real API (neither passed nor failed):\n${report.notVerifiable.map((n) => `– ${n.interaction}: not verifiable on a real API: ${n.reason}`).join("\n")}`,
        );
      }
      if (report.pending.length > 0)
        out(`\nPending (not failing the run):\n${report.pending.map(formatFailure).join("\n")}`);
      if (report.failures.length > 0) out(`\nFailed interactions:\n${report.failures.map(formatFailure).join("\n")}`);
      if (options.realApi) {
        if (!report.ok) throw new CommandFailed(realApiLine(report));
        out(`fp-giftcards verify: ${realApiLine(report)}`);
        return;
      }
      if (!report.ok) throw new CommandFailed(verdict(report));
      const stateUrl = options.stateSetupUrl ?? defaultStateSetupUrl(options.providerBaseUrl);
      out(
        `${report.total} interaction${report.total === 1 ? "" : "s"} verified against ${report.providerBaseUrl}${stateUrl ? ` (states set up by ${stateUrl})` : ""}`,
      );
    });
}
