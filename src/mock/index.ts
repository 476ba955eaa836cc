/**
 * The mock of the Freedom Pay gift-cards API: Prism serving the spec, or the stateful
 * simulator of the card lifecycle, behind one pipeline that answers like the real API
 * (401 for a bad signature, HTTP 200 with a negative `status` for a bad request).
 *
 * `createMockHandler` composes the parts and `startMock` serves them, so a request flows one
 * way: HTTP (limits) → router → pipeline (signature, JSON, schema) → engine. Each part gets plain functions, never the
 * others' objects: the engine knows nothing of HTTP or of signatures.
 */
import type { AddressInfo } from "node:net";
import { closeHttp, serveHttp } from "./http-server.js";
import { createMockHandler } from "./mock-handler.js";
import type { MockOptions, ResolvedMockOptions } from "./options.js";

export {
  resolveMockOptions, MockOptionsError, DOCS_EXAMPLE_MERCHANT, MOCK_DEFAULTS,
  type MockOptions, type MockMode, type ResolvedMockOptions, type OptionName,
} from "./options.js";
export { BODY_LIMIT_BYTES } from "./http-server.js";
export { curlExample } from "./example-request.js";
export { PROVIDER_STATES, type ProviderStateName, type ProviderStateParams } from "../contracts/provider-states.js";
export { createMockHandler, type MockHandler } from "./mock-handler.js";
export { controlClient, type ControlClient, type ControlClientOptions } from "./control-client.js";

export interface RunningMock {
  /** e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** The options in force, defaults filled in. */
  options: ResolvedMockOptions;
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
  const { options, handle } = await createMockHandler(input);
  const server = await serveHttp(handle, options, options.host, options.port);
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return { url: `http://${host}:${port}`, port, options, close: () => closeHttp(server) };
}
