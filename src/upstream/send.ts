/**
 * How the toolkit talks to a provider — `verify` for state setups and replays, the proxy for
 * every request it forwards: one request, one whole answer, or one ProviderFault that says in
 * a line what the provider did wrong. A redirect is an answer like any other: never followed.
 *
 * Why not fetch: on Node 20, fetch can stay pending forever against a server that accepts the
 * connection and closes it at once, and `AbortSignal.timeout` does not keep the process alive —
 * the CLI then exited 0 with its work never done. Here a deadline timer (which does keep the
 * process alive) covers the whole exchange, connection to last byte, and the answer is bounded
 * in size, so every request settles: answered, refused, closed, garbage, stalled or endless.
 */
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** What went wrong, for callers that branch (the message is for people). */
export type FaultKind = "refused" | "closed" | "garbage" | "stalled" | "too-large";

/** The provider did not answer a request properly: the verification cannot go on. */
export class ProviderFault extends Error {
  override name = "ProviderFault";
  constructor(
    readonly kind: FaultKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ProviderRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface ProviderAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ProviderLimits {
  /** The whole exchange, from connecting to the answer's last byte. */
  timeoutMs: number;
  /** A larger answer is not an answer this API gives. */
  maxAnswerBytes: number;
}

/** Answers above this are refused: no answer of this API comes near it. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function faultOf(error: NodeJS.ErrnoException, what: string): ProviderFault {
  const code = error.code ?? "";
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" ||
    code === "EADDRNOTAVAIL"
  ) {
    return new ProviderFault("refused", `cannot reach ${what} (${code})`);
  }
  if (code.startsWith("HPE_"))
    return new ProviderFault("garbage", `${what} answered with something that is not HTTP (${code})`);
  if (code === "ECONNRESET" || code === "EPIPE")
    return new ProviderFault("closed", `${what} closed the connection without answering (${code})`);
  return new ProviderFault("closed", `${what} failed: ${code || error.message}`);
}

/**
 * Sends one request and resolves with the whole answer; rejects with a ProviderFault.
 * `what` names the exchange in messages, e.g. `the provider at http://… (POST /v5/cards/card_status)`.
 */
export function sendToProvider(
  request: ProviderRequest,
  limits: ProviderLimits,
  what: string,
): Promise<ProviderAnswer> {
  const url = new URL(request.url);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: ProviderAnswer | ProviderFault) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (outcome instanceof ProviderFault) {
        outgoing.destroy();
        reject(outcome);
      } else resolve(outcome);
    };
    const outgoing = send(
      url,
      { method: request.method, headers: { ...request.headers, "content-length": request.body.length }, agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxAnswerBytes)
            settle(new ProviderFault("too-large", `${what} sent more than ${limits.maxAnswerBytes} bytes in answer`));
          else chunks.push(chunk);
        });
        answer.on("end", () =>
          settle({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks, size) }),
        );
        answer.on("error", (error: NodeJS.ErrnoException) => settle(faultOf(error, what)));
        answer.on("aborted", () =>
          settle(new ProviderFault("closed", `${what} closed the connection in the middle of its answer`)),
        );
      },
    );
    const deadline = setTimeout(
      () => settle(new ProviderFault("stalled", `${what} did not answer within ${seconds(limits.timeoutMs)}`)),
      limits.timeoutMs,
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) => settle(faultOf(error, what)));
    outgoing.end(request.body);
  });
}
