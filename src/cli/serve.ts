/**
 * What the CLI's server commands (mock, proxy) share: a failure to listen that the user fixes by
 * choosing another address, in one line; and stopping cleanly on Ctrl-C, SIGTERM, or when its parent goes.
 */
import { UsageError } from "./errors.js";

/** Errors of listening that the user fixes by choosing another address. */
const LISTEN_ERRORS = new Set(["EADDRINUSE", "EACCES", "EADDRNOTAVAIL", "ENOTFOUND", "EAI_AGAIN", "EAI_NONAME"]);

/**
 * The one-line usage error for a listen failure of that kind, else undefined (not the user's to fix).
 * @example
 * listenError({ code: "EADDRINUSE" }, "127.0.0.1", 4010)?.message; // "cannot listen on 127.0.0.1:4010 (EADDRINUSE); choose another --port or --host"
 */
export function listenError(error: unknown, host: string, port: number | string): UsageError | undefined {
  const code = (error as { code?: string } | null)?.code;
  return code !== undefined && LISTEN_ERRORS.has(code)
    ? new UsageError(`cannot listen on ${host}:${port} (${code}); choose another --port or --host`, 1)
    : undefined;
}

/** How often a server checks that the process which started it is still there. */
export const PARENT_CHECK_MS = 500;

/**
 * Closes the server on the first SIGINT or SIGTERM, or when the process that started it goes
 * away, then says so: `fp-giftcards <name>: stopped`.
 *
 * Why the parent: `npx fp-giftcards mock &` and `npm start &` start npm, which starts `sh -c`,
 * which starts this node process. `kill $!` ends npm and its shell, not us: we would be left
 * holding the port (the next start fails with EADDRINUSE). When our parent dies the system
 * hands us to another (init, or a subreaper), so a changed `process.ppid` means the command the
 * user started is gone, and the server goes with it. Checked every PARENT_CHECK_MS, unref'd.
 */
export function stopOnSignals(name: string, close: () => Promise<void>): void {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) stop();
  }, PARENT_CHECK_MS).unref();
  const stop = () => {
    clearInterval(watch);
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    // With the parent gone, stdout may be a pipe nobody reads: the line is best effort.
    process.stdout.once("error", () => undefined);
    void close().then(() => process.stdout.write(`fp-giftcards ${name}: stopped\n`));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
