/** `fp-giftcards mock [--mode prism|stateful] [--host H] [--port N] [--merchant ID:SECRET]… [--no-auth] [--dynamic --seed N] [--otp-lifetime S]` */
import type { Command } from "commander";
import { signJws } from "../../signing/jws.js";
import { operationValidators } from "../../openapi/validators.js";
import type { RunningMock } from "../../mock/index.js";
import { DOCS_EXAMPLE_MERCHANT, MOCK_DEFAULTS, MockOptionsError, type MockOptions } from "../../mock/options.js";
import { UsageError } from "../errors.js";

export interface MockFlags {
  mode?: string;
  host?: string;
  port?: string;
  merchant?: string[];
  auth?: boolean;
  dynamic?: boolean;
  seed?: string;
  otpLifetime?: string;
}

function integer(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

function merchant(value: string): { authId: string; secret: string } {
  const colon = value.indexOf(":");
  if (colon <= 0 || colon === value.length - 1) throw new UsageError("--merchant takes AUTH_ID:SECRET (e.g. --merchant 123456:secret)");
  return { authId: value.slice(0, colon), secret: value.slice(colon + 1) };
}

/**
 * Flags to `startMock` options: no defaults here (they live in src/mock), only checks.
 * @example
 * toMockOptions({ mode: "stateful", port: "0", merchant: ["111:s1"] });
 * // => { mode: "stateful", port: 0, merchants: [{ authId: "111", secret: "s1" }] }
 */
export function toMockOptions(flags: MockFlags): MockOptions {
  const mode = flags.mode;
  if (mode !== undefined && mode !== "prism" && mode !== "stateful") throw new UsageError(`--mode must be prism or stateful, got "${mode}"`);
  if (flags.dynamic && mode === "stateful") throw new UsageError("--dynamic works in Prism mode only; the stateful simulator answers from its state");
  if (flags.seed !== undefined && !flags.dynamic) throw new UsageError("--seed needs --dynamic (it seeds the generated bodies)");
  const options: MockOptions = {};
  if (mode !== undefined) options.mode = mode;
  if (flags.host !== undefined) options.host = flags.host;
  if (flags.port !== undefined) {
    options.port = integer("--port", flags.port);
    if (options.port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${options.port}`);
  }
  if (flags.merchant !== undefined && flags.merchant.length > 0) options.merchants = flags.merchant.map(merchant);
  if (flags.auth === false) options.auth = false;
  if (flags.dynamic) options.dynamic = true;
  if (flags.seed !== undefined) options.seed = integer("--seed", flags.seed);
  if (flags.otpLifetime !== undefined) {
    if (mode !== "stateful") throw new UsageError("--otp-lifetime applies to --mode stateful only");
    options.otpLifetimeSeconds = integer("--otp-lifetime", flags.otpLifetime);
    if (options.otpLifetimeSeconds === 0) throw new UsageError("--otp-lifetime must be at least 1 second");
  }
  return options;
}

/** A ready-to-paste, correctly signed request for the first merchant. */
function curlExample(mock: RunningMock): string {
  const { authId, secret } = mock.options.merchants[0]!;
  const path = operationValidators("listProducts").operation.path;
  const body = "{}";
  const headers = ["-H 'Content-Type: application/json'"];
  if (mock.options.auth) headers.push(`-H 'X-JWS-Signature: ${signJws({ method: "POST", uri: path, authId, body, secret })}'`);
  return `curl -s ${mock.url}${path} ${headers.join(" ")} -d '${body}'`;
}

function banner(mock: RunningMock): string {
  const { options } = mock;
  const merchants = options.merchants.map(({ authId, secret }) =>
    // Only the docs' public example secret is shown; any other secret is the user's and stays hidden.
    secret === DOCS_EXAMPLE_MERCHANT.secret ? `${authId} (secret "${secret}", the docs' example)` : `${authId} (secret not shown)`,
  );
  const lines = [
    `fp-giftcards mock (${options.mode}${options.dynamic ? ", dynamic" : ""}) listening on ${mock.url}`,
    `merchants: ${merchants.join(", ")}${options.auth ? "" : " — signatures NOT checked (--no-auth)"}`,
    `try: ${curlExample(mock)}`,
  ];
  if (options.mode === "stateful") lines.push(`control API: ${mock.url}/__control/health, …/reset, …/cards/{card_id}/otp, …/clock, …/merchants/{auth_id}, …/state`);
  lines.push("Ctrl-C to stop");
  return lines.join("\n") + "\n";
}

function stopOnSignals(mock: RunningMock): void {
  const stop = () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    void mock.close().then(() => process.stdout.write("fp-giftcards mock: stopped\n"));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

export function registerMock(program: Command): void {
  program
    .command("mock")
    .description("serve a mock of the gift-cards API: Prism from the spec, or the stateful lifecycle simulator")
    .option("--mode <mode>", `prism (answers from the spec's examples) or stateful (the card lifecycle) (default: ${MOCK_DEFAULTS.mode})`)
    .option("--host <host>", `address to listen on (default: ${MOCK_DEFAULTS.host})`)
    .option("--port <port>", `port to listen on, 0 for a free one (default: ${MOCK_DEFAULTS.port})`)
    .option("--merchant <AUTH_ID:SECRET>", `a merchant whose signatures are accepted; repeat for several (default: ${DOCS_EXAMPLE_MERCHANT.authId}:${DOCS_EXAMPLE_MERCHANT.secret})`, (value: string, previous: string[] = []) => [...previous, value])
    .option("--no-auth", "accept requests without checking signatures")
    .option("--dynamic", "Prism mode: generate bodies from the schemas instead of serving examples")
    .option("--seed <n>", "with --dynamic: the same seed gives the same bodies")
    .option("--otp-lifetime <seconds>", `stateful mode: how long an OTP stays valid (default: ${MOCK_DEFAULTS.otpLifetimeSeconds})`)
    .action(async (flags: MockFlags) => {
      const options = toMockOptions(flags);
      // Loaded on use: the other commands need not pay for fastify and the engines.
      const { startMock } = await import("../../mock/index.js");
      // The simulated SMS (an OTP "sent") and handler failures are shown as they happen.
      const mock = await startMock({ ...options, logger: (line) => process.stdout.write(`${line}\n`) }).catch((error: unknown) => {
        if (error instanceof MockOptionsError) throw new UsageError(error.message);
        const code = (error as { code?: string } | null)?.code;
        if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
          throw new UsageError(`cannot listen on ${options.host ?? MOCK_DEFAULTS.host}:${options.port ?? MOCK_DEFAULTS.port} (${code}); choose another --port or --host`, 1);
        }
        throw error;
      });
      process.stdout.write(banner(mock));
      stopOnSignals(mock);
    });
}
