/**
 * `fp-giftcards proxy`: between an app and a provider (the real sandbox, or any), on the
 * HTTP layer and so within the mock's limits (64 KiB requests, a request time limit). Every
 * request is re-signed with the merchant's credentials, which stay here, and forwarded; every
 * answer is passed back unchanged, then checked against the spec and reported, and with
 * `record` written to disk redacted. A request flows one way: HTTP → exchange → provider.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dashboardRoutes } from "../http/dashboard.js";
import { EventHub } from "../http/events.js";
import { Journal } from "../http/journal.js";
import type { ServedRequest } from "../http/request.js";
import { closeHttp, serveHttp } from "../http/serve.js";
import { proxyHandler } from "./exchange.js";
import { ProxyOptionsError, resolveProxyOptions, type ProxyOptions, type ResolvedProxyOptions } from "./options.js";

export {
  resolveProxyOptions,
  ProxyOptionsError,
  PROXY_DEFAULTS,
  type ProxyOptions,
  type ResolvedProxyOptions,
  type ProxyOptionName,
} from "./options.js";
export type { Recording, Deviation } from "./recording.js";

export interface RunningProxy {
  /** e.g. `http://127.0.0.1:4020`: where the app sends its requests. */
  url: string;
  port: number;
  /** The options in force, defaults filled in. */
  options: ResolvedProxyOptions;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

function prepareRecordDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ProxyOptionsError((n) => `${n("record")} ${dir} cannot be written (${code})`);
  }
}

/**
 * Starts the proxy and resolves once it listens.
 * @example
 * const proxy = await startProxy({ upstream: "https://test-api.freedompay.kz", authId: "123456", secret, port: 0, record: "recordings", logger: console.log });
 * const client = createGiftCardsClient({ baseUrl: proxy.url, authId: "app", secret: "none" }); // its signature is replaced
 * await client.listProducts();
 * await proxy.close();
 */
export async function startProxy(input: ProxyOptions): Promise<RunningProxy> {
  const options = resolveProxyOptions(input);
  if (options.record !== undefined) prepareRecordDir(options.record);
  // The proxy's own pages (the journal, its events, the dashboard); everything else goes upstream.
  const events = new EventHub();
  const journal = new Journal("proxy");
  events.onListening = (listening) =>
    (journal.onEntry = listening ? (entry) => events.publish("request", entry) : undefined);
  const own = dashboardRoutes({ journal, events, about: { kind: "proxy", mode: "proxy" } });
  const forward = proxyHandler(options);
  const handle = (request: ServedRequest) => own(request) ?? forward(request);
  const http = {
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    logger: options.logger,
    name: "proxy",
    onExchange: journal.record.bind(journal),
  };
  const server = await serveHttp(handle, http, options.host, options.port);
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return { url: `http://${host}:${port}`, port, options, close: () => closeHttp(server) };
}
