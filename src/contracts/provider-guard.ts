/**
 * Why this exists: Pact's verifier sends each replayed request to the provider and waits.
 * A provider that closes the connection, answers garbage, stalls or never stops answering made
 * Pact's JS proxy throw an uncaught error, print a stack, and hang. So Pact talks only to this
 * guard, on 127.0.0.1: the guard re-signs each replay with the provider's credentials over the
 * exact bytes it forwards, sends it through `sendToProvider` (a deadline and a size bound),
 * and passes a well-formed answer back. At the first fault it tells `verify`, which stops the
 * run at once, and answers everything after with a 502: it never hangs and never crashes.
 * Provider states go through it too, on STATE_PATH: to the state-setup URL, unsigned, or (with
 * `verify --real-api`) to a state handler in this process, whose answer — the values it set up —
 * Pact injects into the replayed request. A handler that throws is answered 500 with its reason,
 * and the reason kept (`stateFailures`): Pact itself only says a state change failed.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SigningCredentials } from "freedompay-gift-cards-client";
import { ProviderFault, sendToProvider, type ProviderAnswer, type ProviderLimits } from "../provider/client.js";
import { passedBack, reSignedRequest } from "../provider/re-sign.js";

/** Where Pact's state-change calls reach the guard. */
export const STATE_PATH = "/__fp_giftcards_verify/state";
/** Pact sends pact bodies: nothing near this. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export interface GuardOptions {
  providerBaseUrl: string;
  /** Where STATE_PATH forwards; undefined when states are not set up (or a handler sets them up). */
  stateSetupUrl?: string;
  /** Sets a state up here and answers the values to inject (instead of a state-setup URL). */
  stateHandler?: (change: { action?: unknown; state?: unknown; params?: unknown }) => Promise<Record<string, unknown>>;
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
  /** Replays forwarded to the provider and answered (state setups not counted). */
  readonly replayed: number;
  /** Replays the provider answered with 401: its credentials are not the ones given. */
  readonly unauthorized: number;
  /** Why the state handler failed, by state name (the last reason for each). */
  readonly stateFailures: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_REQUEST_BYTES ? Buffer.concat(chunks, size) : undefined));
    req.on("error", () => resolve(undefined));
  });
}

/** A JSON object's fields, or none. */
function parseJsonObject(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function answer(res: ServerResponse, status: number, headers: Record<string, string | string[] | number>, body: Buffer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, "content-length": body.length });
  res.end(body);
}

const refusal = (res: ServerResponse, message: string) =>
  answer(res, 502, { "content-type": "application/json" }, Buffer.from(JSON.stringify({ error: `fp-giftcards verify: ${message}` })));

export async function startProviderGuard(options: GuardOptions): Promise<ProviderGuard> {
  new URL(options.providerBaseUrl); // a base URL that is no URL fails here, at the start
  const counts = { replayed: 0, unauthorized: 0 };
  let fault: ProviderFault | undefined;
  const stateFailures = new Map<string, string>();

  const handleState = async (res: ServerResponse, body: Buffer, handler: NonNullable<GuardOptions["stateHandler"]>): Promise<void> => {
    let change: { action?: unknown; state?: unknown; params?: unknown };
    try {
      change = JSON.parse(body.toString("utf8")) as typeof change;
    } catch {
      return refusal(res, "Pact sent a state change that is not JSON");
    }
    try {
      const values = await handler(change);
      options.onActivity();
      answer(res, 200, { "content-type": "application/json" }, Buffer.from(JSON.stringify(values)));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      stateFailures.set(String(change.state), reason);
      options.onActivity();
      answer(res, 500, { "content-type": "application/json" }, Buffer.from(JSON.stringify({ error: reason })));
    }
  };

  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    options.onActivity();
    const body = await readBody(req);
    if (fault) return refusal(res, fault.message);
    if (body === undefined) return refusal(res, "Pact sent an unreadable request");
    const method = req.method ?? "GET";
    const pathAndQuery = req.url ?? "/";
    const isState = pathAndQuery === STATE_PATH;
    if (isState && options.stateHandler) return handleState(res, body, options.stateHandler);
    if (isState && options.stateSetupUrl === undefined) return refusal(res, "no state-setup URL");
    let result: ProviderAnswer;
    try {
      result = isState
        ? await sendToProvider({ method, url: options.stateSetupUrl!, headers: { "content-type": "application/json" }, body }, options.limits, `the state-setup URL ${options.stateSetupUrl} (setting up a provider state)`)
        : await sendToProvider(
            reSignedRequest(options.providerBaseUrl, { method, pathAndQuery, headers: req.headers, body }, options.credentials),
            options.limits,
            `the provider at ${options.providerBaseUrl} (${method} ${pathAndQuery.split("?")[0]})`,
          );
    } catch (error) {
      if (!(error instanceof ProviderFault)) throw error;
      if (!fault) {
        fault = error;
        options.onFault(error);
      }
      return refusal(res, error.message);
    }
    if (!isState) {
      counts.replayed++;
      if (result.status === 401) counts.unauthorized++;
    } else if (result.status < 200 || result.status > 299) {
      // Pact only says "a state change handler has failed": keep the provider's own words.
      const change = parseJsonObject(body);
      const said = parseJsonObject(result.body).message;
      const reason = typeof said === "string" ? said : result.body.toString("utf8").replace(/\s+/g, " ").trim().slice(0, 300);
      stateFailures.set(String(change.state), `provider state "${String(change.state)}" was refused: POST ${options.stateSetupUrl} answered HTTP ${result.status}: ${reason}`);
    }
    options.onActivity();
    answer(res, result.status, passedBack(result.headers) as Record<string, string | string[] | number>, result.body);
  };

  const server = createServer((req, res) => {
    forward(req, res).catch((error: unknown) => refusal(res, `the guard failed (our bug): ${error instanceof Error ? error.message : String(error)}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    ...(options.stateSetupUrl !== undefined || options.stateHandler ? { stateSetupUrl: `${url}${STATE_PATH}` } : {}),
    stateFailures,
    get replayed() {
      return counts.replayed;
    },
    get unauthorized() {
      return counts.unauthorized;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
