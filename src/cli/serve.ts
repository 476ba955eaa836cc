/**
 * What the CLI's server commands (mock, proxy) share: a failure to listen that the user fixes by
 * choosing another address, in one line; and stopping cleanly on Ctrl-C or SIGTERM.
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
  return code !== undefined && LISTEN_ERRORS.has(code) ? new UsageError(`cannot listen on ${host}:${port} (${code}); choose another --port or --host`, 1) : undefined;
}

/** Closes the server on the first SIGINT or SIGTERM, then says so: `fp-giftcards <name>: stopped`. */
export function stopOnSignals(name: string, close: () => Promise<void>): void {
  const stop = () => {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    void close().then(() => process.stdout.write(`fp-giftcards ${name}: stopped\n`));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
