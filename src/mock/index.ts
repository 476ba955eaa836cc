/**
 * The mock of the Freedom Pay gift-cards API: Prism serving the spec, or the stateful
 * simulator of the card lifecycle, behind one pipeline that answers like the real API
 * (401 for a bad signature, HTTP 200 with a negative `status` for a bad request).
 */
import type { AddressInfo } from "node:net";
import { Authenticator } from "./authenticate.js";
import type { Engine } from "./engine.js";
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from "./options.js";
import { createMockServer } from "./server.js";

export { resolveMockOptions, MockOptionsError, DOCS_EXAMPLE_MERCHANT, MOCK_DEFAULTS, type MockOptions, type MockMode, type ResolvedMockOptions } from "./options.js";
export { BODY_LIMIT_BYTES } from "./server.js";
export { PROVIDER_STATES } from "./stateful/provider-states.js";
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

async function createEngine(options: ResolvedMockOptions, auth: Authenticator): Promise<Engine> {
  // Each engine is imported on demand: stateful mode never pays for loading Prism.
  if (options.mode === "stateful") {
    const { createStatefulEngine } = await import("./stateful/stateful-engine.js");
    return createStatefulEngine(options, auth);
  }
  const { deferFakerLoading } = await import("./prism/lazy-faker.js");
  deferFakerLoading();
  const { createPrismEngine } = await import("./prism/prism-engine.js");
  return createPrismEngine(options);
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
  const options = resolveMockOptions(input);
  const auth = new Authenticator(options.merchants, options.auth);
  const engine = await createEngine(options, auth);
  const app = createMockServer(engine, auth, options);
  await app.listen({ host: options.host, port: options.port });
  const { address, port } = app.server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return { url: `http://${host}:${port}`, port, options, close: () => app.close() };
}
