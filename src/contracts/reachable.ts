/**
 * Pact's verification proxy (pact-js 16.5) forwards with http-proxy and no error handler: a
 * provider that refuses the connection crashes the process with a stack. So the provider is
 * reached once, at the TCP level, before anything is replayed.
 */
import { connect } from "node:net";

/** The provider cannot be reached at all. */
export class ProviderUnreachable extends Error {}

/**
 * Resolves once a TCP connection to the URL's host and port opens; rejects with ProviderUnreachable.
 * @example
 * await checkReachable("http://127.0.0.1:4010"); // throws "cannot reach the provider at http://127.0.0.1:4010 (ECONNREFUSED)"
 */
export function checkReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port) || (protocol === "https:" ? 443 : 80), timeout: timeoutMs });
    const fail = (why: string) => {
      socket.destroy();
      reject(new ProviderUnreachable(`cannot reach the provider at ${url} (${why})`));
    };
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
    socket.once("timeout", () => fail(`no connection within ${timeoutMs} ms`));
    socket.once("error", (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
  });
}
