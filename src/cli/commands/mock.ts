/** `fp-giftcards mock [--mode prism|stateful [--sandbox-like]] [--host H] [--port N] [--merchant ID:SECRET]… [--no-auth] [--dynamic] [--seed N] [--otp-lifetime S] [--otp-attempts N] [--request-timeout S]` */
import type { Command } from "commander";
import type { MockOptions, OptionName, RunningMock } from "../../mock/index.js";
import { DOCS_EXAMPLE_MERCHANT, MOCK_DEFAULTS, MockOptionsError } from "../../mock/options.js";
import { UsageError } from "../errors.js";
import { listenError, stopOnSignals } from "../serve.js";

export interface MockFlags {
  mode?: string;
  host?: string;
  port?: string;
  merchant?: string[];
  auth?: boolean;
  dynamic?: boolean;
  sandboxLike?: boolean;
  seed?: string;
  otpLifetime?: string;
  otpAttempts?: string;
  requestTimeout?: string;
}

type Env = Record<string, string | undefined>;

/** Merchants from the environment, so a secret need not sit on a command line: `AUTH_ID:SECRET`, whitespace between merchants. */
export const MERCHANTS_ENV = "FREEDOMPAY_MOCK_MERCHANTS";

const FLAGS: Partial<Record<keyof MockOptions, string>> = {
  mode: "--mode",
  host: "--host",
  port: "--port",
  merchants: "--merchant",
  auth: "--no-auth",
  dynamic: "--dynamic",
  sandboxLike: "--sandbox-like",
  seed: "--seed",
  otpLifetimeSeconds: "--otp-lifetime",
  otpAttempts: "--otp-attempts",
  requestTimeoutSeconds: "--request-timeout",
};

/**
 * Flags and environment to `startMock` options, as given: the rules and the defaults are
 * src/mock's (`resolveMockOptions`). `--merchant` wins over FREEDOMPAY_MOCK_MERCHANTS.
 * @example
 * toMockOptions({ mode: "stateful", port: "0", auth: true }, {}); // => { mode: "stateful", port: "0" }
 */
export function toMockOptions(flags: MockFlags, env: Env = process.env): MockOptions {
  const fromEnv = env[MERCHANTS_ENV]?.split(/\s+/).filter(Boolean) ?? [];
  const merchants = flags.merchant?.length ? flags.merchant : fromEnv;
  const given: MockOptions = {
    mode: flags.mode,
    host: flags.host,
    port: flags.port,
    merchants: merchants.length > 0 ? merchants : undefined,
    auth: flags.auth === false ? false : undefined,
    dynamic: flags.dynamic ? true : undefined,
    sandboxLike: flags.sandboxLike ? true : undefined,
    seed: flags.seed,
    otpLifetimeSeconds: flags.otpLifetime,
    otpAttempts: flags.otpAttempts,
    requestTimeoutSeconds: flags.requestTimeout,
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as MockOptions;
}

/** How the CLI names an option in a message: its flag, or the variable the merchants came from. */
function flagNames(flags: MockFlags): OptionName {
  return (option) => (option === "merchants" && !flags.merchant?.length ? MERCHANTS_ENV : (FLAGS[option] ?? option));
}

function banner(mock: RunningMock, curl: string | undefined): string {
  const { options } = mock;
  const merchants = options.merchants.map(({ authId, secret }) =>
    // Only the docs' public example secret is shown; any other secret is the user's and stays hidden.
    secret === DOCS_EXAMPLE_MERCHANT.secret
      ? `${authId} (secret "${secret}", the docs' example)`
      : `${authId} (secret not shown)`,
  );
  const lines = [
    `fp-giftcards mock (${options.mode}${options.dynamic ? ", dynamic" : ""}${options.sandboxLike ? ", sandbox-like" : ""}) listening on ${mock.url}`,
    `merchants: ${merchants.join(", ")}${options.auth ? "" : " — signatures NOT checked (--no-auth)"}`,
    curl ? `try: ${curl}` : "try: a request signed with your merchant's secret (docs/mock.md shows how with curl)",
  ];
  if (options.sandboxLike) {
    lines.push(
      "sandbox-like: no control API, no dashboard and no OTP back channel, as the real sandbox (verify it with verify --real-api)",
    );
  } else {
    if (options.mode === "stateful") {
      lines.push(
        `control API: ${mock.url}/__control/health, …/reset, …/sms/latest, …/cards/{card_id}/otp, …/clock, …/faults, …/state`,
      );
    }
    lines.push(
      `dashboard: ${mock.url}/__dashboard (requests, refusals explained${options.mode === "stateful" ? ", SMS with their OTPs, faults" : ""})`,
    );
  }
  lines.push("Ctrl-C to stop");
  return lines.join("\n") + "\n";
}

export function registerMock(program: Command): void {
  program
    .command("mock")
    .description("serve a mock of the gift-cards API: Prism from the spec, or the stateful lifecycle simulator")
    .option(
      "--mode <mode>",
      `prism (answers from the spec's examples) or stateful (the card lifecycle) (default: ${MOCK_DEFAULTS.mode})`,
    )
    .option("--host <host>", `address to listen on (default: ${MOCK_DEFAULTS.host})`)
    .option("--port <port>", `port to listen on, 0 for a free one (default: ${MOCK_DEFAULTS.port})`)
    .option(
      "--merchant <AUTH_ID:SECRET>",
      `a merchant whose signatures are accepted; repeat for several (default: ${DOCS_EXAMPLE_MERCHANT.authId}:${DOCS_EXAMPLE_MERCHANT.secret}); prefer ${MERCHANTS_ENV} for a real secret`,
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--no-auth", "accept requests without checking signatures")
    .option("--dynamic", "Prism mode: generate bodies from the schemas instead of serving examples")
    .option(
      "--sandbox-like",
      "stateful mode: no control API and no OTP back channel, as the real sandbox (for verify --real-api)",
    )
    .option(
      "--seed <n>",
      "the same seed gives the same generated bodies (Prism mode, with --dynamic) or OTPs (stateful mode)",
    )
    .option(
      "--otp-lifetime <seconds>",
      `stateful mode: how long an OTP stays valid (default: ${MOCK_DEFAULTS.otpLifetimeSeconds})`,
    )
    .option(
      "--otp-attempts <n>",
      `stateful mode: wrong codes an OTP survives before it dies until a resend (default: ${MOCK_DEFAULTS.otpAttempts})`,
    )
    .option(
      "--request-timeout <seconds>",
      `a request must arrive whole within this time, else 408 (default: ${MOCK_DEFAULTS.requestTimeoutSeconds})`,
    )
    .addHelpText(
      "after",
      `
Environment:
  ${MERCHANTS_ENV}  merchants as AUTH_ID:SECRET, separated by spaces or newlines, when no
                             --merchant is given: a command line is visible to other processes`,
    )
    .action(async (flags: MockFlags) => {
      const options = toMockOptions(flags);
      // Loaded on use: the other commands need not pay for the engines.
      const { startMock, curlExample } = await import("../../mock/index.js");
      // The simulated SMS (an OTP "sent") and failures of ours are shown as they happen.
      const mock = await startMock({ ...options, logger: (line) => process.stdout.write(`${line}\n`) }).catch(
        (error: unknown) => {
          if (error instanceof MockOptionsError) throw new UsageError(error.explain(flagNames(flags)));
          throw listenError(error, options.host ?? MOCK_DEFAULTS.host, options.port ?? MOCK_DEFAULTS.port) ?? error;
        },
      );
      if (flags.merchant?.some((m) => !m.endsWith(`:${DOCS_EXAMPLE_MERCHANT.secret}`))) {
        process.stderr.write(
          `fp-giftcards mock: warning: --merchant puts a secret on the command line, where other processes can read it; set ${MERCHANTS_ENV} instead\n`,
        );
      }
      // Ready for Ctrl-C before saying so: a script may stop the mock as soon as it reads the banner.
      stopOnSignals("mock", () => mock.close());
      process.stdout.write(banner(mock, curlExample(mock.url, mock.options)));
    });
}
