/** `fp-giftcards proxy --upstream URL [--host H] [--port N] [--record DIR] [--scheme jws|sign] [--jws-alg HS512|HS256] [--upstream-timeout S] [--request-timeout S]` */
import { Command, Option } from "commander";
import { isIP } from "node:net";
import type { ProxyOptionName, ProxyOptions, RunningProxy } from "../../proxy/index.js";
import { PROXY_DEFAULTS, ProxyOptionsError } from "../../proxy/options.js";
import { UsageError } from "../errors.js";
import { listenError, stopOnSignals } from "../serve.js";

export interface ProxyFlags {
  upstream?: string;
  host?: string;
  port?: string;
  record?: string;
  scheme?: string;
  jwsAlg?: string;
  upstreamTimeout?: string;
  requestTimeout?: string;
}

type Env = Record<string, string | undefined>;

/** An empty variable counts as unset (CI systems often define them empty). */
const read = (env: Env, name: string): string | undefined => (env[name] ? env[name] : undefined);

/**
 * Flags and environment to `startProxy` options, as given: the rules and the defaults are
 * src/proxy's (`resolveProxyOptions`). The secret comes from the environment only.
 * @example
 * toProxyOptions({ port: "0" }, { FREEDOMPAY_BASE_URL: "https://test-api.freedompay.kz", FREEDOMPAY_AUTH_ID: "123456", FREEDOMPAY_SECRET: "…" });
 * // => { upstream: "https://test-api.freedompay.kz", authId: "123456", secret: "…", port: "0" }
 */
export function toProxyOptions(flags: ProxyFlags, env: Env = process.env): ProxyOptions {
  const given: ProxyOptions = {
    upstream: flags.upstream ?? read(env, "FREEDOMPAY_BASE_URL"),
    authId: read(env, "FREEDOMPAY_AUTH_ID"),
    secret: read(env, "FREEDOMPAY_SECRET"),
    scheme: flags.scheme ?? read(env, "FREEDOMPAY_SCHEME"),
    jwsAlgorithm: flags.jwsAlg,
    host: flags.host,
    port: flags.port,
    record: flags.record,
    upstreamTimeoutSeconds: flags.upstreamTimeout,
    requestTimeoutSeconds: flags.requestTimeout,
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as ProxyOptions;
}

/** How the CLI names an option in a message: its flag, or the variable it came from. */
function optionNames(flags: ProxyFlags, env: Env): ProxyOptionName {
  const names: Partial<Record<keyof ProxyOptions, string>> = {
    upstream:
      flags.upstream !== undefined
        ? "--upstream"
        : read(env, "FREEDOMPAY_BASE_URL") !== undefined
          ? "FREEDOMPAY_BASE_URL"
          : "--upstream (or FREEDOMPAY_BASE_URL)",
    authId: "FREEDOMPAY_AUTH_ID",
    secret: "FREEDOMPAY_SECRET",
    scheme: flags.scheme !== undefined ? "--scheme" : "FREEDOMPAY_SCHEME",
    jwsAlgorithm: "--jws-alg",
    host: "--host",
    port: "--port",
    record: "--record",
    upstreamTimeoutSeconds: "--upstream-timeout",
    requestTimeoutSeconds: "--request-timeout",
  };
  return (option) => names[option] ?? option;
}

function banner(proxy: RunningProxy): string {
  const { options } = proxy;
  const signature =
    options.scheme === "jws" ? `X-JWS-Signature, ${options.jwsAlgorithm}` : "legacy Sign, Auth-Id, Request-Id";
  return (
    [
      `fp-giftcards proxy listening on ${proxy.url}, forwarding to ${options.upstream}`,
      `signing every request as merchant ${options.authId} (${signature}); the secret stays here: the app needs none`,
      options.record === undefined
        ? "not recording (--record DIR keeps every exchange, redacted)"
        : `recording every exchange in ${options.record} (cardholder name, phone and OTP redacted; no signature, no secret)`,
      "every answer is passed on unchanged, then checked against the spec: one line per exchange, one per deviation",
      `dashboard: ${proxy.url}/__dashboard (every exchange, redacted)`,
      "Ctrl-C to stop",
    ].join("\n") + "\n"
  );
}

const isLoopback = (host: string) =>
  host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));

const HELP = `
Environment:
  FREEDOMPAY_AUTH_ID, FREEDOMPAY_SECRET  the merchant's credentials (required): the proxy drops
                                         whatever signature the app sent and signs every
                                         request with these; the secret is never printed
  FREEDOMPAY_BASE_URL                    the upstream, when --upstream is not given
  FREEDOMPAY_SCHEME                      jws (default) or sign, as --scheme

Every request is forwarded, whatever its method and path; a redirect is passed back, never
followed. Each answer goes back to the app byte for byte, then is checked against the spec
(the branch its status picks): stdout gets one line per exchange that is as the spec says and
one per deviation (operation, where in the body, expected, actual). An upstream that refuses,
closes, answers garbage or more than 1 MiB gets the app a JSON 502; one that does not answer
within --upstream-timeout, a JSON 504. docs/sandbox.md tells how to work against the sandbox.`;

export function registerProxy(program: Command): void {
  program
    .command("proxy")
    .description(
      "between an app and a provider: re-sign every request, check every answer against the spec, record exchanges redacted",
    )
    .option(
      "--upstream <url>",
      "the provider to forward to, e.g. https://test-api.freedompay.kz (default: FREEDOMPAY_BASE_URL)",
    )
    .option("--host <host>", `address to listen on (default: ${PROXY_DEFAULTS.host})`)
    .option("--port <port>", `port to listen on, 0 for a free one (default: ${PROXY_DEFAULTS.port})`)
    .option("--record <dir>", "write every exchange into this directory, the holder's name, phone and OTP redacted")
    .addOption(
      new Option("--scheme <scheme>", "signature scheme (default: FREEDOMPAY_SCHEME or jws)").choices(["jws", "sign"]),
    )
    .addOption(
      new Option(
        "--jws-alg <alg>",
        `the JWS algorithm, with the jws scheme (default: ${PROXY_DEFAULTS.jwsAlgorithm})`,
      ).choices(["HS512", "HS256"]),
    )
    .option(
      "--upstream-timeout <seconds>",
      `the whole exchange with the upstream, else a JSON 504 (default: ${PROXY_DEFAULTS.upstreamTimeoutSeconds})`,
    )
    .option(
      "--request-timeout <seconds>",
      `a request from the app must arrive whole within this time, else 408 (default: ${PROXY_DEFAULTS.requestTimeoutSeconds})`,
    )
    .addHelpText("after", HELP)
    .action(async (flags: ProxyFlags) => {
      const options = toProxyOptions(flags);
      const { startProxy } = await import("../../proxy/index.js");
      const proxy = await startProxy({ ...options, logger: (line) => process.stdout.write(`${line}\n`) }).catch(
        (error: unknown) => {
          if (error instanceof ProxyOptionsError) throw new UsageError(error.explain(optionNames(flags, process.env)));
          throw listenError(error, options.host ?? PROXY_DEFAULTS.host, options.port ?? PROXY_DEFAULTS.port) ?? error;
        },
      );
      if (!isLoopback(proxy.options.host)) {
        process.stderr.write(
          `fp-giftcards proxy: warning: listening on ${proxy.options.host}: whoever reaches ${proxy.url} acts as merchant ${proxy.options.authId}\n`,
        );
      }
      // Ready for Ctrl-C before saying so: a script may stop the proxy as soon as it reads the banner.
      stopOnSignals("proxy", () => proxy.close());
      process.stdout.write(banner(proxy));
    });
}
