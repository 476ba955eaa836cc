/**
 * `fp-giftcards proxy`: flags and the FREEDOMPAY_* environment become `startProxy` options as
 * given (the rules are src/proxy's), a broken option is one line naming the flag or the
 * variable, never the secret, and the built CLI proxies to the simulator: banner, one line per
 * exchange on stdout, recordings on disk, a clean stop on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { toProxyOptions, type ProxyFlags } from "../../src/cli/commands/proxy.js";
import { createGiftCardsClient } from "../../src/client/index.js";
import type { RunningMock } from "../../src/mock/index.js";
import { BIN, runMain } from "../helpers/cli.js";
import { expectNoneOf, HOLDER, MERCHANT, startSimulator } from "./helpers.js";

/** Whatever this machine's environment holds, the tests decide these. */
const NO_ENV = { FREEDOMPAY_AUTH_ID: "", FREEDOMPAY_SECRET: "", FREEDOMPAY_BASE_URL: "", FREEDOMPAY_SCHEME: "" };
const CREDENTIALS = { FREEDOMPAY_AUTH_ID: MERCHANT.authId, FREEDOMPAY_SECRET: MERCHANT.secret };

describe("proxy flags and environment → startProxy options, as given", () => {
  test.each<[string, { given: ProxyFlags; env: Record<string, string>; want: object }]>([
    [
      "credentials and the upstream from the environment",
      {
        given: {},
        env: { ...CREDENTIALS, FREEDOMPAY_BASE_URL: "https://test-api.freedompay.kz" },
        want: { ...MERCHANT, upstream: "https://test-api.freedompay.kz" },
      },
    ],
    [
      "--upstream wins over FREEDOMPAY_BASE_URL",
      {
        given: { upstream: "http://127.0.0.1:1" },
        env: { FREEDOMPAY_BASE_URL: "https://x" },
        want: { upstream: "http://127.0.0.1:1" },
      },
    ],
    [
      "--scheme wins over FREEDOMPAY_SCHEME",
      { given: { scheme: "sign" }, env: { FREEDOMPAY_SCHEME: "jws" }, want: { scheme: "sign" } },
    ],
    ["FREEDOMPAY_SCHEME alone", { given: {}, env: { FREEDOMPAY_SCHEME: "sign" }, want: { scheme: "sign" } }],
    [
      "every flag",
      {
        given: { host: "::1", port: "0", record: "rec", jwsAlg: "HS256", upstreamTimeout: "5", requestTimeout: "2.5" },
        env: {},
        want: {
          host: "::1",
          port: "0",
          record: "rec",
          jwsAlgorithm: "HS256",
          upstreamTimeoutSeconds: "5",
          requestTimeoutSeconds: "2.5",
        },
      },
    ],
    ["an empty variable counts as unset", { given: {}, env: NO_ENV, want: {} }],
  ])("%s", (_name, { given, env, want }) => {
    expect(toProxyOptions(given, env)).toEqual(want);
  });
});

describe("a broken option is one line naming the flag or the variable, exit 2", () => {
  const upstream = ["--upstream", "http://127.0.0.1:9"];
  test.each<[string, string[], Record<string, string>, string]>([
    [
      "no credentials",
      upstream,
      {},
      "FREEDOMPAY_AUTH_ID and FREEDOMPAY_SECRET are not set: the proxy signs every request with them (the app needs no secret)",
    ],
    [
      "no secret",
      upstream,
      { FREEDOMPAY_AUTH_ID: "1" },
      "FREEDOMPAY_SECRET is not set: the proxy signs every request with them (the app needs no secret)",
    ],
    [
      "no upstream",
      [],
      CREDENTIALS,
      "--upstream (or FREEDOMPAY_BASE_URL) is required: the provider to forward to, e.g. https://test-api.freedompay.kz",
    ],
    [
      "an upstream that is no http(s) URL",
      ["--upstream", "ftp://x"],
      CREDENTIALS,
      '--upstream must be an http(s) URL, got "ftp://x"',
    ],
    [
      "a FREEDOMPAY_BASE_URL that is no URL",
      [],
      { ...CREDENTIALS, FREEDOMPAY_BASE_URL: "test-api" },
      'FREEDOMPAY_BASE_URL must be an http(s) URL, got "test-api"',
    ],
    [
      "an upstream with credentials",
      ["--upstream", "https://u:p@x"],
      CREDENTIALS,
      "--upstream must not carry credentials (user:password@); the proxy signs with FREEDOMPAY_AUTH_ID and FREEDOMPAY_SECRET",
    ],
    [
      "an upstream with a query",
      ["--upstream", "https://x/?a=1"],
      CREDENTIALS,
      '--upstream must be a base URL without a query or fragment, got "https://x/?a=1"',
    ],
    [
      "a bad FREEDOMPAY_SCHEME",
      upstream,
      { ...CREDENTIALS, FREEDOMPAY_SCHEME: "hmac" },
      'FREEDOMPAY_SCHEME must be jws or sign, got "hmac"',
    ],
    [
      "--jws-alg with the legacy scheme",
      [...upstream, "--scheme", "sign", "--jws-alg", "HS256"],
      CREDENTIALS,
      "--jws-alg applies to the jws scheme only (--scheme jws)",
    ],
    [
      "a port that is not a number",
      [...upstream, "--port", "abc"],
      CREDENTIALS,
      '--port must be a whole number from 0 to 65535, got "abc"',
    ],
    [
      "a host that is no address",
      [...upstream, "--host", "256.1.1.1"],
      CREDENTIALS,
      '--host must be an IP address or a host name, got "256.1.1.1"',
    ],
    [
      "--upstream-timeout 0",
      [...upstream, "--upstream-timeout", "0"],
      CREDENTIALS,
      '--upstream-timeout must be a number of seconds above 0 and at most 86400, got "0"',
    ],
    [
      "--request-timeout x",
      [...upstream, "--request-timeout", "x"],
      CREDENTIALS,
      '--request-timeout must be a number of seconds above 0 and at most 86400, got "x"',
    ],
  ])("%s", async (_name, args, env, message) => {
    const run = await runMain(["proxy", ...args], { ...NO_ENV, ...env });
    expect(run).toEqual({ code: 2, stdout: "", stderr: `fp-giftcards proxy: ${message}\n` });
    expectNoneOf([run.stderr], [MERCHANT.secret]);
  });

  test("a --record directory that cannot be written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-giftcards-proxy-cli-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    try {
      const run = await runMain(
        ["proxy", "--upstream", "http://127.0.0.1:9", "--port", "0", "--record", join(file, "sub")],
        { ...NO_ENV, ...CREDENTIALS },
      );
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr: `fp-giftcards proxy: --record ${join(file, "sub")} cannot be written (ENOTDIR)\n`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Starts the built CLI and resolves once it has printed its banner. */
function startCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string; errors: () => string }> {
  const child = spawn(process.execPath, [BIN, "proxy", ...args], { env: { ...process.env, ...NO_ENV, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the proxy exited (${code}) before listening: ${stderr}`)));
    child.stdout.on("data", () => {
      if (stdout.includes("Ctrl-C to stop")) resolve({ child, output: () => stdout, errors: () => stderr });
    });
  });
}

describe("fp-giftcards proxy (the built CLI)", () => {
  let simulator: RunningMock;
  let dir: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    dir = mkdtempSync(join(tmpdir(), "fp-giftcards-proxy-cli-"));
  });
  afterAll(async () => {
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("prints its banner, proxies to the simulator with one line per exchange, records, and stops on SIGTERM", async () => {
    const record = join(dir, "recordings");
    const { child, output, errors } = await startCli(
      ["--upstream", simulator.url, "--port", "0", "--record", record],
      CREDENTIALS,
    );
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())![1]!;
      expect(output()).toBe(
        [
          `fp-giftcards proxy listening on ${url}, forwarding to ${simulator.url}`,
          `signing every request as merchant ${MERCHANT.authId} (X-JWS-Signature, HS512); the secret stays here: the app needs none`,
          `recording every exchange in ${record} (cardholder name, phone and OTP redacted; no signature, no secret)`,
          "every answer is passed on unchanged, then checked against the spec: one line per exchange, one per deviation",
          `dashboard: ${url}/__dashboard (every exchange, redacted)`,
          "Ctrl-C to stop",
          "",
        ].join("\n"),
      );
      const app = createGiftCardsClient({ baseUrl: url, authId: "app", secret: "no-secret" });
      const issued = await app.issueCard({ ...HOLDER, product_code: 1 });
      expect(issued).toMatchObject({ ok: true });
      // The proxy writes the line before it answers, but the line comes through a pipe and may arrive later.
      await new Promise<void>((resolve) => {
        const check = () => (output().includes("proxy: issueCard") ? resolve() : void setTimeout(check, 20));
        check();
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(output().split("\n").slice(6)).toEqual([
      "proxy: issueCard HTTP 200 status 0 (success): as the spec says",
      "fp-giftcards proxy: stopped",
      "",
    ]);
    expect(errors()).toBe("");
    const files = readdirSync(record);
    expect(files).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-\d+-\d{6}-issueCard\.json$/)]);
    expectNoneOf(
      [output(), errors(), readFileSync(join(record, files[0]!), "utf8")],
      [MERCHANT.secret, HOLDER.cardholder_name, HOLDER.phone],
    );
  });
});
