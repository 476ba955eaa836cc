/**
 * Why this exists: Pact's verifier sends each replayed request to the provider and waits.
 * A provider that closes the connection, answers garbage, stalls or never stops answering made
 * Pact's JS proxy throw an uncaught error, print a stack, and hang. So Pact talks only to this
 * guard, on 127.0.0.1, served by the HTTP layer (src/http): the guard hands each replay to the
 * re-signing forwarder (re-signed with the provider's credentials over the exact bytes it
 * forwards, a deadline and a size bound) and passes a well-formed answer back. The forwarder
 * latches the first fault and tells `verify`, which stops the run at once; everything after is
 * answered with a 502: it never hangs and never crashes. Provider states go through it too, on
 * STATE_PATH: to the state-setup URL, unsigned, or (with `verify --real-api`) to a state handler
 * in this process, whose answer — the values it set up — Pact injects into the replayed request.
 * A state setup that fails is answered 500 and its reason kept (`stateFailures`): Pact itself
 * only says that a state change failed.
 */
import type { AddressInfo } from "node:net";
import type { SigningCredentials } from "freedompay-gift-cards-client";
import type { Answer } from "../http/answer.js";
import { createForwarder, passedOn } from "../http/forward.js";
import type { ServedRequest } from "../http/request.js";
import { closeHttp, serveHttp } from "../http/serve.js";
import { ProviderFault, type ProviderLimits } from "../upstream/send.js";

/** Where Pact's state-change calls reach the guard. */
export const STATE_PATH = "/__fp_giftcards_verify/state";
/** Pact sends pact bodies: nothing near this. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface GuardOptions {
  providerBaseUrl: string;
  /** Where STATE_PATH forwards; undefined when states are not set up (or a handler sets them up). */
  stateSetupUrl?: string;
  /** Sets a state up here and answers the values to inject (instead of a state-setup URL). */
  stateHandler?: (change: StateChange) => Promise<Record<string, unknown>>;
  credentials: SigningCredentials;
  limits: ProviderLimits;
  /** The first fault only; the run must stop. */
  onFault(fault: ProviderFault): void;
  /** A request came in or an answer went out: the run is moving. */
  onActivity(): void;
}

export interface ProviderGuard {
  /** The base URL Pact replays against. */
  url: string;
  /** Pact's state-setup URL, when states are set up. */
  stateSetupUrl?: string;
  /** Replays the provider answered with 401: its credentials are not the ones given. */
  readonly unauthorized: number;
  /** Why a state setup failed, by state name (the last reason for each). */
  readonly stateFailures: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

/** Pact's state-change call. */
export interface StateChange {
  action?: unknown;
  state?: unknown;
  params?: unknown;
}

/** A JSON object's fields, or none. */
function jsonFields(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const refusal = (message: string): Answer => ({ httpStatus: 502, body: { error: `fp-giftcards verify: ${message}` } });

export async function startProviderGuard(options: GuardOptions): Promise<ProviderGuard> {
  const forwarder = createForwarder({
    baseUrl: options.providerBaseUrl,
    credentials: options.credentials,
    limits: options.limits,
    name: "the provider",
    latchFirstFault: true,
    onFault: options.onFault,
  });
  let unauthorized = 0;
  const stateFailures = new Map<string, string>();

  /** `--real-api`: the state is set up here; a failure is a 500 and its reason kept. */
  const handleState = async (body: Buffer, handler: NonNullable<GuardOptions["stateHandler"]>): Promise<Answer> => {
    const change = jsonFields(body) as StateChange;
    try {
      const values = await handler(change);
      options.onActivity();
      return { httpStatus: 200, body: values };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      stateFailures.set(String(change.state), reason);
      options.onActivity();
      return { httpStatus: 500, body: { error: reason } };
    }
  };

  const answer = async (request: ServedRequest): Promise<Answer> => {
    options.onActivity();
    const isState = request.path === STATE_PATH && request.query === "";
    if (isState && options.stateHandler) return handleState(request.body, options.stateHandler);
    if (isState && options.stateSetupUrl === undefined) return refusal("no state-setup URL");
    const outcome = isState
      ? await forwarder.send(
          {
            method: request.method,
            url: options.stateSetupUrl!,
            headers: { "content-type": "application/json" },
            body: request.body,
          },
          `the state-setup URL ${options.stateSetupUrl} (setting up a provider state)`,
        )
      : await forwarder.forward(request);
    if (outcome instanceof ProviderFault) return refusal(outcome.message);
    if (!isState && outcome.status === 401) unauthorized++;
    if (isState && (outcome.status < 200 || outcome.status > 299)) {
      // Pact only says "a state change handler has failed": keep the provider's own words.
      const state = String(jsonFields(request.body).state);
      const said = jsonFields(outcome.body).message;
      const reason =
        typeof said === "string" ? said : outcome.body.toString("utf8").replace(/\s+/g, " ").trim().slice(0, 300);
      stateFailures.set(
        state,
        `provider state "${state}" was refused: POST ${options.stateSetupUrl} answered HTTP ${outcome.status}: ${reason}`,
      );
    }
    options.onActivity();
    return passedOn(outcome);
  };

  const handle = (request: ServedRequest): Promise<Answer> =>
    answer(request).catch((error: unknown) =>
      refusal(`the guard failed (our bug): ${error instanceof Error ? error.message : String(error)}`),
    );
  const server = await serveHttp(
    handle,
    {
      requestTimeoutSeconds: options.limits.timeoutMs / 1000,
      bodyLimitBytes: MAX_REQUEST_BYTES,
      logger: () => undefined,
      name: "verify's provider guard",
    },
    "127.0.0.1",
    0,
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ...(options.stateSetupUrl !== undefined || options.stateHandler ? { stateSetupUrl: `${url}${STATE_PATH}` } : {}),
    stateFailures,
    get unauthorized() {
      return unauthorized;
    },
    close: () => closeHttp(server),
  };
}
