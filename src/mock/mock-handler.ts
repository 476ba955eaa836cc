/**
 * The mock without a server: the router, the shared pipeline and the engine composed into one
 * function from a request to its answer. `startMock` serves it over node:http; the MSW adapter
 * (src/msw) calls it in process. One composition, so both answer every request alike.
 */
import { specValidators } from "../openapi/validators.js";
import { Authenticator, type RawRequest } from "./authenticate.js";
import type { Engine } from "./engine.js";
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from "./options.js";
import { operationHandler, runPipeline, type PipelineResult } from "./pipeline.js";
import { createRouter, type ControlHandler, type Handler } from "./router.js";

export interface MockHandler {
  /** The options in force, defaults filled in. */
  options: ResolvedMockOptions;
  /** Routes and answers one request (operations, and in stateful mode the control API). */
  handle: Handler;
  /**
   * The pipeline alone for the operation at `request.path` (signature, replay, JSON, schema):
   * the refusal to answer, or the checked request an engine would get; undefined for no operation.
   */
  check(request: RawRequest): PipelineResult | undefined;
}

interface Parts {
  engine: Engine;
  control?: ControlHandler;
}

/** Each mode is imported on demand: stateful mode never pays for loading Prism. */
async function modeParts(options: ResolvedMockOptions, forgetRequestIds: () => void): Promise<Parts> {
  if (options.mode === "stateful") {
    const { Simulator, createStatefulEngine, controlApi } = await import("./stateful/index.js");
    const sim = new Simulator(options);
    return { engine: createStatefulEngine(sim), control: controlApi({ sim, forgetRequestIds }) };
  }
  const { deferFakerLoading } = await import("./prism/lazy-faker.js");
  deferFakerLoading();
  const { createPrismEngine } = await import("./prism/prism-engine.js");
  return { engine: await createPrismEngine(options) };
}

/**
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
  const { engine, control } = await modeParts(options, () => auth.forgetRequestIds());
  const validators = new Map([...specValidators().values()].map((v) => [v.operation.path, v]));
  const operations = new Map<string, Handler>(
    [...validators].map(([path, v]) => [path, operationHandler(v, authenticate, engine)]),
  );
  const handle = createRouter({ operations, ...(control ? { control } : {}) });
  const check = (request: RawRequest) => {
    const v = validators.get(request.path);
    return v && runPipeline(request, v, authenticate);
  };
  return { options, handle, check };
}
