// @ts-check
/**
 * A mock in its own process, its memory readable on demand: node runs it with
 * bench/gc-on-signal.cjs preloaded, which on SIGUSR2 collects all garbage and prints
 * `HEAP {…}` on stderr. For the memory benchmarks (mock-memory, journal-memory).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** @typedef {{ heapUsed: number; external: number; rss: number }} Memory */
/** @typedef {{ url: string; memory: () => Promise<Memory>; stop: () => void }} MeasuredMock */

/**
 * Starts `node <args>` and resolves once `urlOf(stdout so far)` finds the mock's URL.
 * @param {string[]} args what node runs after the preload
 * @param {(out: string) => string | undefined} urlOf
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<MeasuredMock>}
 */
export function startMeasuredMock(args, urlOf, env = process.env) {
  const child = spawn(process.execPath, ["--expose-gc", "--require", `${ROOT}bench/gc-on-signal.cjs`, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (chunk) => (err += chunk));
  /** The memory still held after a full collection. @returns {Promise<Memory>} */
  const memory = () =>
    new Promise((resolve) => {
      const seen = err.length;
      const poll = () => {
        const line = /HEAP (\{.*\})\n/.exec(err.slice(seen));
        if (line?.[1]) resolve(JSON.parse(line[1]));
        else setTimeout(poll, 20);
      };
      child.kill("SIGUSR2");
      poll();
    });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the mock exited (${code}): ${out}${err}`)));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const url = urlOf(out);
      if (url) resolve({ url, memory, stop: () => void child.kill("SIGTERM") });
    });
  });
}
