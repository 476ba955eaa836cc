/**
 * The mock without its socket: routing (404/405, the control API), the pipeline (signature,
 * JSON, schema) and the engine, composed into one function from a request to its answer.
 * `startMock` serves it over HTTP; an in-process adapter (MSW handlers) can call it directly.
 *
 * Each part gets plain functions, never the others' objects: the engine knows nothing of HTTP
 * or of signatures, and only merchant ids travel past the authenticator, which alone holds the
 * secrets.
 */
import type { Answer } from "../http/answer.js";
import { dashboardRoutes } from "../http/dashboard.js";
import { EventHub } from "../http/events.js";
import { Journal } from "../http/journal.js";
import type { RawRequest } from "../http/request.js";
import type { ServedExchange } from "../http/serve.js";
import { specValidators } from "../openapi/validators.js";
import { Authenticator } from "./authenticate.js";
import type { Engine } from "./engine.js";
import {
  resolveMockOptions,
  shownSettings,
  SILENT,
  type MockOptions,
  type MockSettings,
  type ResolvedMockOptions,
} from "./options.js";
import { operationHandler, runPipeline, type PipelineResult } from "./pipeline.js";
import { refusalLine } from "./refusal-line.js";
import { createRouter, type ControlHandler, type RouteHandler } from "./router.js";

export interface MockHandler {
  /** Answers one request as the mock server does (never throws for bad input; a failure of ours may reject). */
  handle(request: RawRequest): Answer | Promise<Answer>;
  /** The options in force, defaults filled in, no secret but the docs' public example. */
  options: MockSettings;
  /**
   * To be told of each exchange once answered (the HTTP layer's observer): it keeps the journal
   * (`GET /__control/requests`, the dashboard) and prints a line per refused request.
   */
  onExchange(exchange: ServedExchange): void;
  /**
   * The pipeline alone for the operation at `request.path` (signature, replay, JSON, schema): the
   * refusal to answer, or the request the engine would get; undefined for no operation. For an
   * adapter answering an operation its own way (MSW's per-test overrides) after the same checks.
   */
  check(request: RawRequest): PipelineResult | undefined;
}

interface ModeParts {
  engine: Engine;
  control?: ControlHandler;
}

/** Each mode is imported on demand: stateful mode never pays for loading Prism. */
async function modeParts(
  options: ResolvedMockOptions,
  forgetRequestIds: () => void,
  events: EventHub,
): Promise<ModeParts> {
  if (options.mode === "stateful") {
    const { Simulator, createStatefulEngine, controlApi } = await import("./stateful/index.js");
    const sim = new Simulator({
      merchantIds: options.merchants.map((merchant) => merchant.authId),
      partnerBalance: options.partnerBalance,
      otpLifetimeSeconds: options.otpLifetimeSeconds,
      otpAttempts: options.otpAttempts,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      sms: options.logger,
      ...(options.sandboxLike ? { sandboxLike: true } : {}),
    });
    sim.outbox.onAdd = (sms) => events.publish("sms", sms);
    sim.faults.onChange = () => events.publish("faults", sim.faults.list());
    const changed = (what: string) => events.publish("changed", { what });
    const engine = createStatefulEngine(sim);
    // Sandbox-like: no control API at all, as the real sandbox has none.
    return options.sandboxLike ? { engine } : { engine, control: controlApi({ sim, forgetRequestIds, changed }) };
  }
  const { deferFakerLoading } = await import("./prism/lazy-faker.js");
  deferFakerLoading();
  const { createPrismEngine } = await import("./prism/prism-engine.js");
  return { engine: await createPrismEngine(options) };
}

/**
 * The mock's request handler, without a server.
 * @example
 * const mock = await createMockHandler({ mode: "stateful" });
 * const answer = await mock.handle({ method: "POST", path: "/v5/cards/product_list", headers, body });
 */
export async function createMockHandler(input: MockOptions = {}): Promise<MockHandler> {
  const options = resolveMockOptions(input);
  const auth = new Authenticator(options.merchants, options.auth, {
    maxIds: options.replayIdsPerMerchant,
    maxBytes: options.replayBytesPerMerchant,
  });
  const authenticate = (request: RawRequest) => auth.authenticate(request);
  const events = new EventHub();
  const journal = new Journal("mock", options.journalSize);
  events.onListening = (listening) =>
    (journal.onEntry = listening ? (entry) => events.publish("request", entry) : undefined);
  const parts = await modeParts(options, () => auth.forgetRequestIds(), events);
  // An engine given in the options stands behind the pipeline instead of the mode's; the control API stays the mode's.
  const engine = input.engine ?? parts.engine;
  const validators = new Map([...specValidators().values()].map((v) => [v.operation.path, v]));
  const operations = new Map<string, RouteHandler>(
    [...validators].map(([path, v]) => [path, operationHandler(v, authenticate, engine)]),
  );
  const dashboard = dashboardRoutes({ journal, events, about: { kind: "mock", mode: options.mode } });
  // Sandbox-like serves neither the control API nor the dashboard: no back channel to the OTP.
  const control: ControlHandler | undefined = options.sandboxLike
    ? undefined
    : (request) => dashboard(request) ?? parts.control?.(request);
  const handle = createRouter({ operations, control });
  const { logger } = options;
  const onExchange = (exchange: ServedExchange): void => {
    journal.record(exchange);
    const line = logger === SILENT ? undefined : refusalLine(exchange);
    if (line) logger(line);
  };
  const check = (request: RawRequest) => {
    const v = validators.get(request.path);
    return v && runPipeline(request, v, authenticate);
  };
  return { handle, check, options: shownSettings(options), onExchange };
}
