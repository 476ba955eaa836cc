/**
 * `fp-giftcards mock`: flags and FREEDOMPAY_MOCK_MERCHANTS become `startMock` options as given
 * (the rules are src/mock's, tested there), a broken option is one line naming the flag, and
 * the built CLI starts a mock whose printed curl example works, shows no secret but the docs'
 * example, and stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { describe, expect, test } from "vitest";
import { toMockOptions, type MockFlags } from "../../src/cli/commands/mock.js";
import { BIN, portFreed, REPO_ROOT, runCli, runMain, startServerCommand } from "../helpers/cli.js";

const NO_ENV = { FREEDOMPAY_MOCK_MERCHANTS: "" };

describe("mock flags → startMock options, as given", () => {
  test.each<[string, { given: MockFlags; env?: Record<string, string>; want: object }]>([
    ["no flags: defaults are the mock's, not the CLI's", { given: { auth: true }, want: {} }],
    ["--mode stateful", { given: { mode: "stateful", auth: true }, want: { mode: "stateful" } }],
    ["--host and --port", { given: { host: "0.0.0.0", port: "0", auth: true }, want: { host: "0.0.0.0", port: "0" } }],
    ["--merchant twice", { given: { merchant: ["1:a", "2:b:c"], auth: true }, want: { merchants: ["1:a", "2:b:c"] } }],
    [
      "merchants from FREEDOMPAY_MOCK_MERCHANTS",
      {
        given: { auth: true },
        env: { FREEDOMPAY_MOCK_MERCHANTS: " 1:a\n2:b:c " },
        want: { merchants: ["1:a", "2:b:c"] },
      },
    ],
    [
      "--merchant wins over FREEDOMPAY_MOCK_MERCHANTS",
      {
        given: { merchant: ["3:c"], auth: true },
        env: { FREEDOMPAY_MOCK_MERCHANTS: "1:a" },
        want: { merchants: ["3:c"] },
      },
    ],
    ["--no-auth", { given: { auth: false }, want: { auth: false } }],
    [
      "--sandbox-like",
      { given: { mode: "stateful", sandboxLike: true, auth: true }, want: { mode: "stateful", sandboxLike: true } },
    ],
    ["--dynamic --seed 7", { given: { dynamic: true, seed: "7", auth: true }, want: { dynamic: true, seed: "7" } }],
    [
      "--otp-lifetime, --otp-attempts, --request-timeout",
      {
        given: { mode: "stateful", otpLifetime: "60", otpAttempts: "5", requestTimeout: "2.5", auth: true },
        want: { mode: "stateful", otpLifetimeSeconds: "60", otpAttempts: "5", requestTimeoutSeconds: "2.5" },
      },
    ],
  ])("%s", (_name, { given, env = {}, want }) => {
    expect(toMockOptions(given, env)).toEqual(want);
  });
});

describe("a broken option is one line naming the flag, exit 2", () => {
  test.each<[string, string[], string]>([
    ["a port that is not a number", ["--port", "abc"], '--port must be a whole number from 0 to 65535, got "abc"'],
    ["a port out of range", ["--port", "70000"], '--port must be a whole number from 0 to 65535, got "70000"'],
    [
      "a host that is no address",
      ["--host", "256.1.1.1"],
      '--host must be an IP address or a host name, got "256.1.1.1"',
    ],
    [
      "a merchant without a colon",
      ["--merchant", "123456"],
      "--merchant takes AUTH_ID:SECRET, both non-empty (e.g. 123456:secret)",
    ],
    [
      "a merchant without a secret",
      ["--merchant", "123456:"],
      "--merchant takes AUTH_ID:SECRET, both non-empty (e.g. 123456:secret)",
    ],
    ["a merchant given twice", ["--merchant", "1:a", "--merchant", "1:b"], "merchant 1 is given twice in --merchant"],
    ["an unknown mode", ["--mode", "proxy"], '--mode must be prism or stateful, got "proxy"'],
    [
      "--dynamic with stateful",
      ["--mode", "stateful", "--dynamic"],
      "--dynamic works in Prism mode only; the stateful simulator answers from its state",
    ],
    [
      "--seed without --dynamic in Prism mode",
      ["--seed", "1"],
      "--seed needs --dynamic in Prism mode (it seeds the generated bodies)",
    ],
    ["a seed that is not a number", ["--dynamic", "--seed", "x"], '--seed must be a whole number, got "x"'],
    [
      "--otp-lifetime in Prism mode",
      ["--otp-lifetime", "60"],
      "--otp-lifetime applies to stateful mode only (--mode stateful)",
    ],
    [
      "--sandbox-like in Prism mode",
      ["--sandbox-like"],
      "--sandbox-like applies to stateful mode only (--mode stateful)",
    ],
    [
      "--otp-lifetime 0",
      ["--mode", "stateful", "--otp-lifetime", "0"],
      '--otp-lifetime must be a whole number of seconds, at least 1, got "0"',
    ],
    [
      "--otp-attempts 0",
      ["--mode", "stateful", "--otp-attempts", "0"],
      '--otp-attempts must be a whole number, at least 1, got "0"',
    ],
    [
      "--request-timeout 0",
      ["--request-timeout", "0"],
      '--request-timeout must be a number of seconds above 0 and at most 86400, got "0"',
    ],
  ])("%s", async (_name, args, message) => {
    expect(await runMain(["mock", ...args], NO_ENV)).toEqual({
      code: 2,
      stdout: "",
      stderr: `fp-giftcards mock: ${message}\n`,
    });
  });

  test("a broken FREEDOMPAY_MOCK_MERCHANTS is named as such, and its secret never shown", async () => {
    const run = await runMain(["mock"], { FREEDOMPAY_MOCK_MERCHANTS: "111:s3cr3t-value 222" });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "fp-giftcards mock: FREEDOMPAY_MOCK_MERCHANTS takes AUTH_ID:SECRET, both non-empty (e.g. 123456:secret)\n",
    });
  });
});

/** Starts the built CLI and resolves with its banner once it listens. */
function startCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcessWithoutNullStreams; banner: string; output: () => string; errors: () => string }> {
  const child = spawn(process.execPath, [BIN, "mock", ...args], { env: { ...process.env, ...NO_ENV, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the mock exited (${code}) before listening: ${stderr}`)));
    child.stdout.on("data", () => {
      if (stdout.includes("Ctrl-C to stop"))
        resolve({ child, banner: stdout, output: () => stdout, errors: () => stderr });
    });
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on("close", (code) => resolve(code)));
}

describe("fp-giftcards mock (the built CLI)", () => {
  test("starts, prints the URL, the docs' merchant and a signed curl example that works, and stops on SIGTERM", async () => {
    const { child, banner, output } = await startCli(["--port", "0"]);
    const closed = exitOf(child);
    try {
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(url).toBeDefined();
      expect(banner).toContain('merchants: 123456 (secret "secret", the docs\' example)');
      expect(banner).toContain(`dashboard: ${url}/__dashboard (requests, refusals explained)`);
      const curl = /try: curl -s (\S+) -H 'Content-Type: application\/json' -H 'X-JWS-Signature: (\S+)' -d '(.*)'/.exec(
        banner,
      );
      expect(curl).not.toBeNull();
      const res = await fetch(curl![1]!, {
        method: "POST",
        headers: { "content-type": "application/json", "x-jws-signature": curl![2]! },
        body: curl![3]!,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 0 });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
    expect(output()).toContain("fp-giftcards mock: stopped");
  });

  test("merchants from FREEDOMPAY_MOCK_MERCHANTS: their secrets, and signatures made with them, are never printed", async () => {
    const { child, banner, errors } = await startCli(["--port", "0", "--mode", "stateful"], {
      FREEDOMPAY_MOCK_MERCHANTS: "111:top-secret-1 222:top-secret-2",
    });
    const closed = exitOf(child);
    try {
      expect(banner).toContain("merchants: 111 (secret not shown), 222 (secret not shown)");
      expect(banner).toContain("try: a request signed with your merchant's secret (docs/mock.md shows how with curl)");
      expect(banner).not.toContain("X-JWS-Signature");
      expect(banner).toContain("control API:");
      expect(banner + errors()).not.toContain("top-secret");
      expect(errors()).toBe("");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
  });

  test("a secret on the command line is accepted with a warning; a port in use fails in one line", async () => {
    const { child, banner, errors } = await startCli(["--port", "0", "--merchant", "111:top-secret-1"]);
    const closed = exitOf(child);
    try {
      expect(banner).toContain("merchants: 111 (secret not shown)");
      expect(banner).not.toContain("top-secret");
      expect(errors()).toBe(
        "fp-giftcards mock: warning: --merchant puts a secret on the command line, where other processes can read it; set FREEDOMPAY_MOCK_MERCHANTS instead\n",
      );
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]!;
      const run = await runCli(["mock", "--mode", "stateful", "--port", port]);
      expect(run).toEqual({
        code: 1,
        stdout: "",
        stderr: `fp-giftcards mock: cannot listen on 127.0.0.1:${port} (EADDRINUSE); choose another --port or --host\n`,
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
  });

  // `npm start &` runs npm → sh -c → node; `kill $!` ends npm and its shell. The server notices
  // its parent is gone (checked every PARENT_CHECK_MS) and closes: the port is free well within 10 s.
  test("`npm start &` then `kill <npm's pid>`: the server goes too, and frees its port", async () => {
    // --ignore-scripts: the prestart build is skipped (dist/ is built, and other tests read it); start runs as documented.
    const server = await startServerCommand("npm", ["start", "--ignore-scripts", "--silent", "--", "--port", "0"], {
      cwd: REPO_ROOT,
      env: NO_ENV,
    });
    try {
      expect((await fetch(`${server.url}/v5/cards/product_list`, { method: "POST", body: "{}" })).status).toBe(401);
      process.kill(server.pid, "SIGTERM");
      expect(await portFreed(server.port, 10_000)).toBe(true);
      expect(await server.gone(10_000)).toBe(true);
    } finally {
      server.killGroup();
    }
  });

  test("a bad flag fails in one line with exit code 2", async () => {
    expect(await runCli(["mock", "--port", "abc"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'fp-giftcards mock: --port must be a whole number from 0 to 65535, got "abc"\n',
    });
  });
});
