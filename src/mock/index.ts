/**
 * The mock of the Freedom Pay gift-cards API: Prism serving the spec, or the stateful
 * simulator of the card lifecycle, behind one pipeline that answers like the real API
 * (401 for a bad signature, HTTP 200 with a negative `status` for a bad request).
 *
 * `startMock` composes the parts, so a request flows one way: HTTP (limits) → router →
 * pipeline (signature, JSON, schema) → engine. Each part gets plain functions, never the
 * others' objects: the engine knows nothing of HTTP or of signatures.
 */
import type { AddressInfo } from "node:net";
import { specValidators } from "../openapi/validators.js";
import { Authenticator, type RawRequest } from "./authenticate.js";
import { dashboardRoutes } from "./dashboard.js";
import type { Engine } from "./engine.js";
import { EventHub } from "./events.js";
import { closeHttp, serveHttp, type RequestObserver } from "./http-server.js";
import { Journal } from "./journal.js";
import { resolveMockOptions, SILENT, type MockOptions, type ResolvedMockOptions } from "./options.js";
import { operationHandler } from "./pipeline.js";
import { refusalLine } from "./refusal-line.js";
import { createRouter, type ControlHandler, type Handler } from "./router.js";

export {
  resolveMockOptions, MockOptionsError, DOCS_EXAMPLE_MERCHANT, MOCK_DEFAULTS,
  type MockOptions, type MockMode, type ResolvedMockOptions, type OptionName,
} from "./options.js";
export { BODY_LIMIT_BYTES } from "./http-server.js";
export { curlExample } from "./example-request.js";
export { PROVIDER_STATES, type ProviderStateName, type ProviderStateParams } from "../contracts/provider-states.js";
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

interface Parts {
  engine: Engine;
  control?: ControlHandler;
}

/** Each mode is imported on demand: stateful mode never pays for loading Prism. */
async function modeParts(options: ResolvedMockOptions, forgetRequestIds: () => void, events: EventHub): Promise<Parts> {
  if (options.mode === "stateful") {
    const { Simulator, createStatefulEngine, controlApi } = await import("./stateful/index.js");
    const sim = new Simulator(options);
    sim.outbox.onAdd = (sms) => events.publish("sms", sms);
    sim.faults.onChange = () => events.publish("faults", sim.faults.list());
    const changed = (what: string) => events.publish("changed", { what });
    return { engine: createStatefulEngine(sim), control: controlApi({ sim, forgetRequestIds, changed }) };
  }
  const { deferFakerLoading } = await import("./prism/lazy-faker.js");
  deferFakerLoading();
  const { createPrismEngine } = await import("./prism/prism-engine.js");
  return { engine: await createPrismEngine(options) };
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
  const auth = new Authenticator(options.merchants, options.auth, { maxIds: options.replayIdsPerMerchant, maxBytes: options.replayBytesPerMerchant });
  const authenticate = (request: RawRequest) => auth.authenticate(request);
  const events = new EventHub();
  const journal = new Journal("mock", options.journalSize);
  events.onListening = (listening) => (journal.onEntry = listening ? (entry) => events.publish("request", entry) : undefined);
  const { engine, control: modeControl } = await modeParts(options, () => auth.forgetRequestIds(), events);
  const operations = new Map<string, Handler>(
    [...specValidators().values()].map((validators) => [validators.operation.path, operationHandler(validators, authenticate, engine)]),
  );
  const dashboard = dashboardRoutes({ journal, events, about: { kind: "mock", mode: options.mode } });
  const control: ControlHandler = (request) => dashboard(request) ?? modeControl?.(request);
  const logger = options.logger;
  const observe: RequestObserver = (request, answer, startedMs) => {
    journal.record(request, answer, startedMs);
    if (logger === SILENT) return;
    const line = refusalLine(request, answer);
    if (line) logger(line);
  };
  const server = await serveHttp(createRouter({ operations, control }), { ...options, observe }, options.host, options.port);
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  return { url: `http://${host}:${port}`, port, options, close: () => closeHttp(server) };
}
