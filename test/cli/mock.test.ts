/**
 * `fp-giftcards mock`: flags become `startMock` options (table), and the built CLI starts a
 * mock whose printed curl example works, then stops cleanly on SIGTERM.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { describe, expect, test } from "vitest";
import { toMockOptions, type MockFlags } from "../../src/cli/commands/mock.js";
import { UsageError } from "../../src/cli/errors.js";
import { BIN, runCli } from "../helpers/cli.js";

describe("mock flags → startMock options", () => {
  test.each<[string, { given: MockFlags; want: object }]>([
    ["no flags: defaults are the mock's, not the CLI's", { given: { auth: true }, want: {} }],
    ["--mode stateful", { given: { mode: "stateful", auth: true }, want: { mode: "stateful" } }],
    ["--host and --port", { given: { host: "0.0.0.0", port: "0", auth: true }, want: { host: "0.0.0.0", port: 0 } }],
    ["--merchant twice", { given: { merchant: ["1:a", "2:b:c"], auth: true }, want: { merchants: [{ authId: "1", secret: "a" }, { authId: "2", secret: "b:c" }] } }],
    ["--no-auth", { given: { auth: false }, want: { auth: false } }],
    ["--dynamic --seed 7", { given: { dynamic: true, seed: "7", auth: true }, want: { dynamic: true, seed: 7 } }],
    ["--otp-lifetime 60 in stateful mode", { given: { mode: "stateful", otpLifetime: "60", auth: true }, want: { mode: "stateful", otpLifetimeSeconds: 60 } }],
  ])("%s", (_name, { given, want }) => {
    expect(toMockOptions(given)).toEqual(want);
  });

  test.each<[string, { given: MockFlags; want: string }]>([
    ["a port that is not a number", { given: { port: "abc" }, want: '--port must be a whole number, got "abc"' }],
    ["a port out of range", { given: { port: "70000" }, want: "--port must be from 0 to 65535, got 70000" }],
    ["a merchant without a colon", { given: { merchant: ["123456"] }, want: "--merchant takes AUTH_ID:SECRET (e.g. --merchant 123456:secret)" }],
    ["a merchant without a secret", { given: { merchant: ["123456:"] }, want: "--merchant takes AUTH_ID:SECRET (e.g. --merchant 123456:secret)" }],
    ["an unknown mode", { given: { mode: "proxy" }, want: '--mode must be prism or stateful, got "proxy"' }],
    ["--dynamic with stateful", { given: { mode: "stateful", dynamic: true }, want: "--dynamic works in Prism mode only; the stateful simulator answers from its state" }],
    ["--seed without --dynamic", { given: { seed: "1" }, want: "--seed needs --dynamic (it seeds the generated bodies)" }],
    ["a seed that is not a number", { given: { dynamic: true, seed: "x" }, want: '--seed must be a whole number, got "x"' }],
    ["--otp-lifetime in Prism mode", { given: { otpLifetime: "60" }, want: "--otp-lifetime applies to --mode stateful only" }],
    ["--otp-lifetime 0", { given: { mode: "stateful", otpLifetime: "0" }, want: "--otp-lifetime must be at least 1 second" }],
  ])("%s is a usage error in one line", (_name, { given, want }) => {
    expect(() => toMockOptions(given)).toThrow(new UsageError(want));
  });
});

/** Starts the built CLI and resolves with its banner once it listens. */
function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; banner: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, "mock", ...args]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the mock exited (${code}) before listening: ${stderr}`)));
    child.stdout.on("data", () => {
      if (stdout.includes("Ctrl-C to stop")) resolve({ child, banner: stdout, output: () => stdout });
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
      const curl = /try: curl -s (\S+) -H 'Content-Type: application\/json' -H 'X-JWS-Signature: (\S+)' -d '(.*)'/.exec(banner);
      expect(curl).not.toBeNull();
      const res = await fetch(curl![1]!, { method: "POST", headers: { "content-type": "application/json", "x-jws-signature": curl![2]! }, body: curl![3]! });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 0 });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
    expect(output()).toContain("fp-giftcards mock: stopped");
  });

  test("never prints a secret other than the docs' example; a port in use fails in one line", async () => {
    const { child, banner } = await startCli(["--port", "0", "--mode", "stateful", "--merchant", "111:top-secret-1", "--merchant", "222:top-secret-2"]);
    const closed = exitOf(child);
    try {
      expect(banner).toContain("merchants: 111 (secret not shown), 222 (secret not shown)");
      expect(banner).toContain("control API:");
      expect(banner).not.toContain("top-secret");
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]!;
      const run = await runCli(["mock", "--mode", "stateful", "--port", port]);
      expect(run).toEqual({ code: 1, stdout: "", stderr: `fp-giftcards mock: cannot listen on 127.0.0.1:${port} (EADDRINUSE); choose another --port or --host\n` });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
  });

  test("a bad flag fails in one line with exit code 2", async () => {
    expect(await runCli(["mock", "--port", "abc"])).toEqual({ code: 2, stdout: "", stderr: 'fp-giftcards mock: --port must be a whole number, got "abc"\n' });
  });
});
