/**
 * The CLI as a user meets it. `runMain` calls `main(argv)` in this process (flags, messages and
 * exit codes, fast); `runCli` runs the built bin (bin/ → dist/) as a child process, for what
 * only a real process shows (the bin itself, servers, signals).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
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

/**
 * `fp-giftcards <args>` in process: output captured, `env` stubbed for the call. Calls of one
 * file must not overlap (they share process.stdout and process.env).
 */
export async function runMain(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const capture = (sink: (text: string) => void) => (chunk: string | Uint8Array) => (sink(String(chunk)), true);
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture((t) => (stdout += t)));
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture((t) => (stderr += t)));
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  try {
    const code = await main(["node", "fp-giftcards", ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    vi.unstubAllEnvs();
  }
}

/** `fp-giftcards <args>` through the built bin. */
export function runCli(args: string[], options: RunOptions = {}): Promise<CliRun> {
  return runNode(BIN, args, options);
}

/** A Node script (ours, e.g. scripts/verify-sandbox.mjs) run as its own process. */
export function runNode(script: string, args: string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface StartedServer {
  /** The process the command started (npm, npx, or node itself). */
  pid: number;
  url: string;
  port: number;
  output: () => string;
  /** Ends the command's whole process group: cleanup for a test, whatever it did. */
  killGroup: () => void;
  /** Resolves true once no process of the command's group is left (npm, its shell, the server), false after `ceilingMs`. */
  gone: (ceilingMs: number) => Promise<boolean>;
}

/**
 * A server command as a user starts it in the background (`npm start &`, `npx fp-giftcards mock &`),
 * in its own process group; resolves once it prints `listening on http://…`.
 */
export function startServerCommand(command: string, args: string[], options: RunOptions = {}): Promise<StartedServer> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, detached: true });
  let output = "";
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    child.on("exit", (code) =>
      reject(new Error(`${command} ${args.join(" ")} exited (${code}) before listening: ${output}`)),
    );
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (url)
        resolve({
          pid: child.pid!,
          url: url[1]!,
          port: Number(url[2]),
          output: () => output,
          killGroup,
          gone: (ms) => groupGone(child.pid!, ms),
        });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
  });
}

async function groupGone(group: number, ceilingMs: number): Promise<boolean> {
  const alive = () => {
    try {
      return process.kill(-group, 0);
    } catch {
      return false;
    }
  };
  for (const deadline = Date.now() + ceilingMs; alive() && Date.now() < deadline; )
    await new Promise((r) => setTimeout(r, 100));
  return !alive();
}

/** Resolves true once nothing accepts connections on 127.0.0.1:port, false if something still does after `ceilingMs`. */
export async function portFreed(port: number, ceilingMs: number): Promise<boolean> {
  const { connect } = await import("node:net");
  const refused = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(false)));
      socket.once("error", () => resolve(true));
    });
  for (const deadline = Date.now() + ceilingMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await refused()) return true;
  }
  return refused();
}
