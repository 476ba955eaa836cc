/**
 * The mock of the Freedom Pay gift-cards API: Prism serving the spec, or the stateful
 * simulator of the card lifecycle, behind one pipeline that answers like the real API
 * (401 for a bad signature, HTTP 200 with a negative `status` for a bad request).
 *
 * `startMock` serves `createMockHandler` (handler.ts) over the HTTP layer (src/http), so a
 * request flows one way: HTTP (limits) → router → pipeline (signature, JSON, schema) → engine.
 */
import type { AddressInfo } from "node:net";
import { closeHttp, serveHttp } from "../http/serve.js";
import { createMockHandler } from "./handler.js";
import type { MockOptions, MockSettings } from "./options.js";

export {
  resolveMockOptions,
  MockOptionsError,
  DOCS_EXAMPLE_MERCHANT,
  MOCK_DEFAULTS,
  type MockOptions,
  type MockMode,
  type ResolvedMockOptions,
  type OptionName,
  type MockSettings,
  type ShownMerchant,
} from "./options.js";
export { createMockHandler, type MockHandler } from "./handler.js";
export type { Engine, ValidRequest } from "./engine.js";
export type { Answer } from "../http/answer.js";
export type { RawRequest } from "../http/request.js";
export { BODY_LIMIT_BYTES } from "../http/serve.js";
export { curlExample } from "./example-request.js";
export type { Sms } from "./stateful/sms-outbox.js";
export { PROVIDER_STATES, type ProviderStateName, type ProviderStateParams } from "../provider-states/catalogue.js";
export { controlClient, type ControlClient, type ControlClientOptions } from "./control-client.js";

export interface RunningMock {
  /** e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** The options in force, defaults filled in; no merchant's secret but the docs' public example. */
  options: MockSettings;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts the mock and resolves once it listens.
 * @example
 * const mock = await startMock({ mode: "stateful", port: 0 });
 * const client = createGiftCardsClient({ baseUrl: mock.url, authId: "123456", secret: "secret" });
 * await client.listProducts();
 * await mock.close();
 */
export async function startMock(input: MockOptions = {}): Promise<RunningMock> {
  const { handle, options, onExchange } = await createMockHandler(input);
  const server = await serveHttp(handle, { ...options, onExchange }, options.host, options.port);
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return { url: `http://${host}:${port}`, port, options, close: () => closeHttp(server) };
}
