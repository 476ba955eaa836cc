/**
 * Pact's verifier runs in a child process that `verify` can kill. Pact's core is native code
 * behind one long FFI call: in-process, nothing can stop it — a stalled broker, a provider that
 * stops answering mid-run — and it keeps the process alive. In a child, the parent stops it the
 * moment the provider guard reports a fault or the run makes no progress, and then exits.
 *
 * The child runs Pact's core (`@pact-foundation/pact-core`, the verifier @pact-foundation/pact
 * wraps, resolved through it so the versions match) and no code of ours: its program is the
 * few lines below, run with `node -e`, so it works the same from src/ under a test runner and
 * from the built package. Pact's report reaches the parent's stdout as it is written.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";

/** CommonJS: takes `{ pactCore, options }` over IPC, answers `{ json }` (the results, or what failed), and exits. */
const CHILD_PROGRAM = `
process.once("message", ({ pactCore, options }) => {
  const reply = (json) => process.send({ json }, () => process.exit(0));
  const failed = (error) => reply(String((error && error.message) || error));
  try {
    const pact = require(pactCore).default;
    pact.logLevel(options.logLevel);
    pact.verifyPacts(options).then((json) => reply(String(json)), failed);
  } catch (error) {
    failed(error);
  }
});`;

/** Pact's verdict: its results JSON when it ran (passed or failed), else what it said. */
export interface PactOutcome {
  ran: boolean;
  json: string;
}

export interface PactProcess {
  outcome: Promise<PactOutcome>;
  /** Kills the child (nothing happens once it has exited). */
  kill(): void;
}

function pactCorePath(): string {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve("@pact-foundation/pact")).resolve("@pact-foundation/pact-core");
}

/**
 * Starts Pact's verifier with pact-core's VerifierOptions.
 * @param onOutput Pact's own report and log lines, as they come.
 */
export function startPactProcess(options: Record<string, unknown>, onOutput: (text: string) => void): PactProcess {
  const child: ChildProcess = spawn(process.execPath, ["-e", CHILD_PROGRAM], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, PACT_DO_NOT_TRACK: "true" },
  });
  // Pact's log lines go with its report to stdout: stderr is verify's own verdict line.
  child.stdout?.on("data", (chunk: Buffer) => onOutput(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => onOutput(chunk.toString("utf8")));
  const outcome = new Promise<PactOutcome>((resolve) => {
    let result: PactOutcome | undefined;
    child.on("message", (message: { json: string }) => (result = { ran: true, json: message.json }));
    child.on("error", (error) => resolve({ ran: false, json: `cannot start Pact's verifier: ${error.message}` }));
    child.on("exit", (code, signal) =>
      resolve(
        result ?? { ran: false, json: `Pact's verifier stopped without a result (${signal ?? `exit code ${code}`})` },
      ),
    );
  });
  child.send({ pactCore: pactCorePath(), options });
  return {
    outcome,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
