/**
 * The provider is reached once, at the TCP level, before anything is replayed: a provider
 * that is not there at all is said so at once, in one line, before Pact starts.
 */
import { connect } from "node:net";
import { ProviderFault } from "../upstream/send.js";

/**
 * Resolves once a TCP connection to the URL's host and port opens; rejects with a ProviderFault.
 * @example
 * await checkReachable("http://127.0.0.1:4010", 60_000); // throws "cannot reach the provider at http://127.0.0.1:4010 (ECONNREFUSED)"
 */
export function checkReachable(url: string, timeoutMs: number): Promise<void> {
  const { hostname, port, protocol } = new URL(url);
  const host = hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port: Number(port) || (protocol === "https:" ? 443 : 80) });
    // A timer, not the socket's idle timeout: it also keeps the process alive until settled.
    const deadline = setTimeout(() => fail("stalled", `no connection within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (kind: "refused" | "stalled", why: string) => {
      clearTimeout(deadline);
      socket.destroy();
      reject(new ProviderFault(kind, `cannot reach the provider at ${url} (${why})`));
    };
    socket.once("connect", () => {
      clearTimeout(deadline);
      socket.destroy();
      resolve();
    });
    socket.once("error", (error: NodeJS.ErrnoException) => fail("refused", error.code ?? error.message));
  });
}
