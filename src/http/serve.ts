/**
 * Serving HTTP, on node:http, for everything of ours that listens: the mock (both modes), the
 * proxy and verify's provider guard. It owes its users four things: a request arrives whole
 * within the time limit or is cut with 408; a body over the limit (64 KiB by default) is refused
 * with 413 and not read further; the handler gets the exact bytes received (the signature covers
 * them); and every answer — node's own refusals of broken HTTP included — is the API's JSON
 * envelope whenever the socket still allows an answer, except an answer the handler gives as raw
 * `bytes` (a provider's answer passed on). A failure of ours is a logged JSON 500, and the server
 * keeps serving. An optional observer hears of each exchange once it is answered.
 *
 * Why node:http and not fastify: routing six fixed paths needs no router, and the simulator
 * must reach 0.4× a bare node:http server, a budget of about 45 µs of CPU per request of which
 * the HS512 check alone takes a third. Measured in one run (autocannon, 10 connections, signed
 * card status, server CPU from /proc): the simulator on fastify 59–66 µs per request, on this
 * layer 42–48 µs, bare node:http 18–22 µs. BENCHMARKS.md has the figures and the commands.
 */
import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type OutgoingHttpHeader,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import { httpError, type Answer } from "./answer.js";
import type { HttpHandler, ServedRequest } from "./request.js";

export type { HttpHandler, ServedRequest } from "./request.js";

/** How long a request may take to arrive whole when the caller says nothing else (the mock's and the proxy's default). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 10;

/** Larger bodies are refused with 413 without being read further (the default `bodyLimitBytes`). */
export const BODY_LIMIT_BYTES = 64 * 1024;

const JSON_TYPE = "application/json; charset=utf-8";

export interface HttpOptions {
  /** A request must arrive whole (headers and body) within this time. */
  requestTimeoutSeconds: number;
  logger: (line: string) => void;
  /** Who answers, in the log line and the 500 of a failure of ours (default `mock`). */
  name?: string;
  /** Larger request bodies are refused with 413 (default BODY_LIMIT_BYTES). */
  bodyLimitBytes?: number;
  /**
   * Hears of each request answered, once its answer is written (not of node's own refusals of
   * broken HTTP, which come before there is a request): the hook for a journal. A throw is logged.
   */
  onExchange?: (exchange: ServedExchange) => void;
}

/** One request and its answer, as an observer (a journal, a dashboard) hears of it. */
export interface ServedExchange {
  /** Epoch milliseconds when the request's headers arrived. */
  at: number;
  method: string;
  path: string;
  /** The HTTP status answered. */
  status: number;
  durationMs: number;
  /** `answered` by the handler, `refused` by the limits (413), `failed`: a failure of ours (500). */
  outcome: "answered" | "refused" | "failed";
  /** The request as the handler got it (absent for a 413: its body was not read). */
  request?: ServedRequest;
  /** The answer written (its refusal, if any, says why), when there is one. */
  answer?: Answer;
}

const ignore = (): void => undefined;

function write(res: ServerResponse, answer: Answer, close = false): void {
  if (res.headersSent || res.destroyed) return;
  if (answer.stream) return answer.stream(res);
  const text = answer.bytes ?? JSON.stringify(answer.body) ?? "null";
  // A flat [name, value, …] list is node's cheapest way in; most answers have just these two.
  const headers: OutgoingHttpHeader[] = answer.bytes
    ? ["content-length", answer.bytes.length]
    : ["content-type", JSON_TYPE, "content-length", Buffer.byteLength(text)];
  if (answer.headers) {
    for (const [name, value] of Object.entries(answer.headers)) {
      if (typeof value === "string") headers.push(name, value);
      else for (const each of value) headers.push(name, each);
    }
  }
  if (close) headers.push("connection", "close");
  res.writeHead(answer.httpStatus, headers);
  res.end(text);
}

/** A whole answer as bytes, for a socket whose request node's parser gave up on. */
function rawAnswer(answer: Answer): string {
  const text = JSON.stringify(answer.body);
  const status = `${answer.httpStatus} ${STATUS_CODES[answer.httpStatus] ?? ""}`;
  return `HTTP/1.1 ${status}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`;
}

/** What node's own refusals mean, in the API's words. */
function clientErrorAnswer(code: string | undefined, timeoutSeconds: number): Answer {
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return httpError(408, `the request did not arrive whole within ${timeoutSeconds} s`);
  if (code === "HPE_HEADER_OVERFLOW") return httpError(431, "the request headers are too large");
  return httpError(400, `the request is not valid HTTP/1.1${code ? ` (${code})` : ""}`);
}

/** Starts listening; resolves once it does, rejects with the listen error (EADDRINUSE, …). */
export async function serveHttp(
  handle: HttpHandler,
  options: HttpOptions,
  host: string,
  port: number,
): Promise<Server> {
  const name = options.name ?? "mock";
  const limit = options.bodyLimitBytes ?? BODY_LIMIT_BYTES;
  const observe = options.onExchange;
  const timeoutMs = Math.max(1, Math.round(options.requestTimeoutSeconds * 1000));
  // The exchange in progress on each socket, and the sockets told to close: node's refusals
  // (broken HTTP, the time limit) must not answer in the middle of another answer, nor after
  // one that closed the connection (its unread body is not a request).
  const current = new WeakMap<Socket, ServerResponse>();
  const closing = new WeakSet<Socket>();

  const failure = (error: unknown): Answer => {
    options.logger(
      `${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return httpError(500, `the ${name} failed to answer (its bug, logged); the server keeps serving`);
  };

  // The observer's hook: one call per answered request, after the answer is written. When a
  // request began is kept only for an observer: without one, the hot path pays nothing.
  const begun = new WeakMap<ServerResponse, { at: number; started: number }>();
  const observed = (
    res: ServerResponse,
    status: number,
    outcome: ServedExchange["outcome"],
    request?: ServedRequest,
    answer?: Answer,
  ): void => {
    if (!observe) return;
    const url = res.req.url ?? "/";
    const mark = url.indexOf("?");
    const { at, started } = begun.get(res) ?? { at: Date.now(), started: performance.now() };
    try {
      const path = mark === -1 ? url : url.slice(0, mark);
      const exchange: ServedExchange = {
        at,
        method: res.req.method ?? "GET",
        path,
        status,
        durationMs: performance.now() - started,
        outcome,
      };
      if (request) exchange.request = request;
      if (answer) exchange.answer = answer;
      observe(exchange);
    } catch (error) {
      options.logger(
        `${name}: the exchange observer failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  // An answer node refuses to write (a header it finds invalid) is a failure of ours too: never
  // an exception out of a promise callback, which would end the process.
  const safeWrite = (
    res: ServerResponse,
    answer: Answer,
    outcome: "answered" | "failed",
    request?: ServedRequest,
  ): void => {
    try {
      write(res, answer);
    } catch (error) {
      outcome = "failed";
      if (!res.headersSent) write(res, failure(error));
      else res.destroy();
    }
    if (observe) observed(res, res.statusCode, outcome, request, answer);
  };

  const respond = (res: ServerResponse, request: ServedRequest): void => {
    let answer: Answer | Promise<Answer>;
    try {
      answer = handle(request);
    } catch (error) {
      return safeWrite(res, failure(error), "failed", request);
    }
    // Synchronous when the engine is (the simulator): no promise per request on the hot path.
    if (answer instanceof Promise) {
      answer.then(
        (settled) => safeWrite(res, settled, "answered", request),
        (error: unknown) => safeWrite(res, failure(error), "failed", request),
      );
    } else safeWrite(res, answer, "answered", request);
  };

  const tooLarge = (res: ServerResponse) => {
    closing.add(res.socket!);
    const answer = httpError(413, `the request body is larger than ${limit} bytes`);
    write(res, answer, true);
    if (observe) observed(res, 413, "refused", undefined, answer);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    current.set(req.socket, res);
    if (observe) begun.set(res, { at: Date.now(), started: performance.now() });
    req.on("error", ignore); // a client that goes away mid-body: nothing to answer
    if (Number(req.headers["content-length"]) > limit) return tooLarge(res);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) tooLarge(res);
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > limit) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      const url = req.url ?? "/";
      const mark = url.indexOf("?");
      const path = mark === -1 ? url : url.slice(0, mark);
      const query = mark === -1 ? "" : url.slice(mark);
      respond(res, { method: req.method ?? "GET", path, query, headers: req.headers, body });
    });
  };

  const server = createServer(
    {
      requestTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      // Node checks the two timeouts on this interval (30 s by default): often enough to keep them.
      connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(timeoutMs / 4))),
      // A missing Host header is answered like any other bad request, in JSON, below.
      requireHostHeader: false,
    },
    onRequest,
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const refuse = () => {
      if (socket.writable && !closing.has(socket) && error.code !== "ECONNRESET")
        socket.end(rawAnswer(clientErrorAnswer(error.code, options.requestTimeoutSeconds)));
      socket.destroySoon();
    };
    const inFlight = current.get(socket);
    // The broken bytes came after a whole request still being answered: answer it first.
    if (inFlight && !inFlight.writableFinished && (inFlight.req.complete || inFlight.headersSent)) {
      inFlight.once("close", refuse);
      return;
    }
    refuse();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

/** Stops listening and drops open connections. */
export function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
