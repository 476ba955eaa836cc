/**
 * `freedompay-gift-cards/msw`: the mock of the gift-cards API inside a consumer's own MSW
 * `setupServer`, next to the handlers of their other APIs. The handlers answer on the API's
 * real hosts (or the base URLs given) through the very handler the mock server serves
 * (src/mock/handler.ts): signature (401), replay guard, the spec's request schema (HTTP 200
 * with a negative status), then the stateful simulator or Prism — in process, no port.
 *
 * msw is an optional peer dependency: imported from the user's install (./load-msw.ts), never
 * carried by the toolkit. See docs/msw.md.
 */
import type { HttpHandler } from "msw";
import type {
  AnswerName,
  BusinessErrorBody,
  OperationId,
  RequestBody,
  SuccessBody,
} from "freedompay-gift-cards-client";
import { formatDatetime, type Answer } from "../http/answer.js";
import type { RawRequest } from "../http/request.js";
import { createMockHandler, type MockHandler } from "../mock/handler.js";
import { resolveMockOptions, type MockOptions } from "../mock/options.js";
import { specOperations } from "../openapi/operations.js";
import { createControl, type GiftCardsControl } from "./control.js";
import { isAnswer, toRawRequest, toResponse } from "./exchange.js";
import { origins } from "./hosts.js";
import { loadMsw } from "./load-msw.js";

export type { GiftCardsControl, SimulatedSms } from "./control.js";
export { PROVIDER_STATES, type ProviderStateName, type ProviderStateParams } from "../provider-states/catalogue.js";

const { http } = await loadMsw();

export interface GiftCardsHandlersOptions
  extends Pick<
    MockOptions,
    "merchants" | "auth" | "seed" | "dynamic" | "otpLifetimeSeconds" | "otpAttempts" | "partnerBalance" | "logger"
  > {
  /** `"stateful"` (the lifecycle simulator, the default here) or `"prism"` (the spec's examples). */
  mode?: "stateful" | "prism";
  /** One origin to answer on instead of the API's hosts, e.g. `https://api.freedompay.test`. */
  baseUrl?: string;
  /** Several origins to answer on instead of the API's hosts. */
  baseUrls?: readonly string[];
}

/** A body an override answers with: the operation's success body or a business error. */
export type AnswerBody<Op extends OperationId> = SuccessBody<Op> | BusinessErrorBody;

/** What an override's function is given: the signed, schema-valid request. */
export interface AnsweredRequest<Op extends OperationId> {
  body: RequestBody<Op>;
  /** The merchant who signed it. */
  authId: string;
  request: Request;
}

/**
 * An answer by its name in the spec — the operation's own: "success", "IncorrectOtp", … — a body,
 * or a function of the request.
 */
export type AnswerWith<Op extends OperationId> =
  | AnswerName<Op>
  | AnswerBody<Op>
  | ((request: AnsweredRequest<Op>) => AnswerBody<Op> | Promise<AnswerBody<Op>>);

export interface GiftCardsHandlers {
  /** The MSW handlers of the six operations, for `setupServer(...handlers, ...yourOtherHandlers)`. */
  handlers: HttpHandler[];
  /** The simulator's control API as functions (stateful mode). */
  control: GiftCardsControl;
  /**
   * A handler for `server.use(…)` that answers one operation as told, after the same signature
   * and schema checks (a refused request is refused as usual); the simulator is not run.
   */
  answer<Op extends OperationId>(operationId: Op, answer: AnswerWith<Op>, options?: { once?: boolean }): HttpHandler;
}

type Predicate = (args: { request: Request }) => boolean;
type Override = (mock: MockHandler, request: Request, raw: RawRequest) => Promise<Answer>;

/** Matches the paths on the given origins, whatever the query. */
function at(hosts: readonly string[], paths: readonly string[]): Predicate {
  const urls = new Set(hosts.flatMap((host) => paths.map((path) => `${host}${path}`)));
  return ({ request }) => {
    const url = request.url;
    const mark = url.indexOf("?");
    return urls.has(mark === -1 ? url : url.slice(0, mark));
  };
}

function producer<Op extends OperationId>(
  operationId: Op,
  answer: AnswerWith<Op>,
): (request: AnsweredRequest<Op>) => unknown {
  if (typeof answer === "function") return answer;
  if (typeof answer !== "string") return () => answer;
  const operation = specOperations().get(operationId)!;
  const example = operation.examples[answer];
  if (!example) {
    throw new Error(
      `answer: ${operationId} has no answer ${JSON.stringify(answer)} in the spec; ` +
        `it has: ${Object.keys(operation.examples).join(", ")}`,
    );
  }
  return () => ({ ...(example as object), datetime: formatDatetime() });
}

/**
 * @example
 * const { handlers, control, answer } = giftCardsHandlers();
 * const server = setupServer(...handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * afterEach(() => { server.resetHandlers(); return control.reset(); });
 * // one test's exception: the next confirm answers -8 whatever the code
 * server.use(answer("activateCard", "IncorrectOtp", { once: true }));
 */
export function giftCardsHandlers(options: GiftCardsHandlersOptions = {}): GiftCardsHandlers {
  const { baseUrl, baseUrls, mode = "stateful", ...rest } = options;
  const hosts = origins({
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(baseUrls !== undefined ? { baseUrls } : {}),
  });
  const input: MockOptions = { ...rest, mode };
  resolveMockOptions(input); // a mistake in the options is thrown here, not at the first request
  const ready: Promise<MockHandler> = createMockHandler(input);
  ready.catch(() => undefined); // reported to each request that awaits it, not as an unhandled rejection
  const operations = [...specOperations().values()];

  /** The resolver: the mock's answer, or with `override` the override's after the pipeline's checks. */
  const serve =
    (override?: Override) =>
    async ({ request }: { request: Request }): Promise<Response> => {
      // An override's function gets the request with its body unread.
      const raw = await toRawRequest(override ? request.clone() : request);
      if (isAnswer(raw)) return toResponse(raw);
      const mock = await ready;
      if (!override || raw.method !== "POST") return toResponse(await mock.handle(raw));
      return toResponse(await override(mock, request, raw));
    };

  // One handler routes all six paths (the mock's router): MSW parses a request once per handler
  // it tries, so six would cost up to six times that on every request.
  const paths = operations.map((operation) => operation.path);
  const handlers = [http.all(at(hosts, paths), serve())];

  function answer<Op extends OperationId>(
    operationId: Op,
    with_: AnswerWith<Op>,
    { once = false }: { once?: boolean } = {},
  ): HttpHandler {
    const operation = specOperations().get(operationId);
    if (!operation)
      throw new Error(
        `answer: no operation ${JSON.stringify(operationId)}; ` +
          `the operations are: ${operations.map((op) => op.operationId).join(", ")}`,
      );
    const produce = producer(operationId, with_);
    const override = serve(async (mock, request, raw) => {
      const checked = mock.check(raw)!;
      if (!checked.ok) return checked.answer;
      const { body, authId } = checked.request;
      return { httpStatus: 200, body: await produce({ body: body as RequestBody<Op>, authId, request }) };
    });
    return http.all(at(hosts, [operation.path]), override, { once });
  }

  return { handlers, control: createControl(ready), answer };
}
