/** Runs the built CLI (bin/ → dist/) as a user would, capturing its output and exit code. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/fp-giftcards.js", import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to (and overriding) this process's environment. */
  env?: NodeJS.ProcessEnv;
}

/** `fp-giftcards <args>` through the built bin. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return runNode(BIN, args, options);
}

/** A Node script (ours, e.g. scripts/verify-sandbox.mjs) run as its own process. */
export function runNode(script: string, args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
