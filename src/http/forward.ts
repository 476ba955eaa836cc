/**
 * The one re-signing forwarder, under the proxy and verify's provider guard: a received request
 * is re-signed with the provider's credentials over the exact bytes it carries
 * (src/upstream/re-sign.ts), sent through `sendToProvider` (a deadline and a size bound: it
 * always settles), and the provider's answer, or the fault that stands for it, comes back as a
 * value, never as an exception. `passedOn` turns an answer into what the HTTP layer writes back,
 * byte for byte.
 *
 * With `latchFirstFault` (verify's guard), the first fault is reported once through `onFault`
 * and answers every later request, which is then never sent: a run that met a broken provider
 * stops there instead of hammering it.
 */
import { validateHeaderName, validateHeaderValue, type IncomingHttpHeaders } from "node:http";
import type { SigningCredentials } from "freedompay-gift-cards-client";
import { passedBack, reSignedRequest } from "../upstream/re-sign.js";
import {
  ProviderFault,
  sendToProvider,
  type ProviderAnswer,
  type ProviderLimits,
  type ProviderRequest,
} from "../upstream/send.js";
import type { Answer } from "./answer.js";
import type { ServedRequest } from "./request.js";

export type ForwardOutcome = ProviderAnswer | ProviderFault;

export interface ForwarderOptions {
  /** The provider's base URL; a request's path and query are relative to it. */
  baseUrl: string;
  credentials: SigningCredentials;
  limits: ProviderLimits;
  /** Names the provider in fault messages: `<name> at <baseUrl> (POST /v5/…)`, e.g. `the upstream`. */
  name: string;
  /** Headers of the received request never forwarded (signatures and hop-by-hop ones never are). */
  dropHeaders?: readonly string[];
  /** Headers set on every forwarded request, e.g. `accept-encoding: identity` for a reader of every answer. */
  setHeaders?: IncomingHttpHeaders;
  /** After the first fault, answer every request with it, unsent (verify's guard). */
  latchFirstFault?: boolean;
  /** Hears of a fault: with `latchFirstFault`, of the first only. */
  onFault?: (fault: ProviderFault) => void;
}

export interface Forwarder {
  /** Re-signs the request for the base URL and sends it. */
  forward(request: ServedRequest): Promise<ForwardOutcome>;
  /** Sends a request as it is (unsigned, e.g. a provider-state setup), within the same limits and latch. */
  send(request: ProviderRequest, what: string): Promise<ForwardOutcome>;
}

/**
 * @example
 * const forwarder = createForwarder({ baseUrl: "https://test-api.freedompay.kz", credentials, limits, name: "the upstream" });
 * const outcome = await forwarder.forward(request); // a ProviderAnswer, or the ProviderFault that says why there is none
 */
export function createForwarder(options: ForwarderOptions): Forwarder {
  new URL(options.baseUrl); // a base URL that is no URL fails here, at the start
  const dropped = new Set(options.dropHeaders ?? []);
  let latched: ProviderFault | undefined;

  const send = async (build: () => ProviderRequest, what: string): Promise<ForwardOutcome> => {
    if (latched) return latched;
    let outcome: ForwardOutcome;
    try {
      outcome = await sendToProvider(build(), options.limits, what);
    } catch (error) {
      outcome =
        error instanceof ProviderFault
          ? error
          : new ProviderFault(
              "refused",
              `${what} could not be sent the request: ${error instanceof Error ? error.message : String(error)}`,
            );
    }
    if (outcome instanceof ProviderFault) {
      if (latched) return latched;
      if (options.latchFirstFault) latched = outcome;
      options.onFault?.(outcome);
    }
    return outcome;
  };

  return {
    forward(request) {
      const what = `${options.name} at ${options.baseUrl} (${request.method} ${request.path})`;
      return send(() => {
        const headers: IncomingHttpHeaders = { ...options.setHeaders };
        for (const [name, value] of Object.entries(request.headers)) if (!dropped.has(name)) headers[name] = value;
        const forwarded = {
          method: request.method,
          pathAndQuery: `${request.path}${request.query}`,
          headers,
          body: request.body,
        };
        return reSignedRequest(options.baseUrl, forwarded, options.credentials);
      }, what);
    },
    send: (request, what) => send(() => request, what),
  };
}

/** The answer's headers as they are passed on: end-to-end ones only, and none node would refuse to send. */
function passedOnHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(passedBack(headers))) {
    const text = Array.isArray(value) ? value.map(String) : String(value);
    try {
      validateHeaderName(name);
      for (const each of Array.isArray(text) ? text : [text]) validateHeaderValue(name, each);
      kept[name] = text;
    } catch {
      // Dropped: node would refuse to write it.
    }
  }
  return kept;
}

/** A provider's answer as the HTTP layer writes it back: its status, end-to-end headers and exact bytes. */
export function passedOn(answer: ProviderAnswer): Answer {
  return { httpStatus: answer.status, body: undefined, bytes: answer.body, headers: passedOnHeaders(answer.headers) };
}
