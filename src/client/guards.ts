/**
 * The client's guards on a hostile network, one implementation for the six methods and `raw`:
 * - No redirect is followed. fetch gets `redirect: "manual"`, so a 3xx comes back as it is and
 *   nothing (the signature, the body) is re-sent to the Location, another origin perhaps.
 * - An answer is read up to `maxResponseBytes` and no further: past it the body is cancelled,
 *   which drops the connection, so an endless or huge answer cannot grow the process.
 * - One deadline, `timeoutMs`, covers the whole exchange: its signal also aborts the body read.
 */
import { SignableRequest } from "./sign-middleware.js";

/**
 * 30 s: the whole exchange's deadline unless told otherwise.
 * @example
 * createGiftCardsClient({ ...credentials, timeoutMs: DEFAULT_TIMEOUT_MS / 3 });
 */
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * 1 MiB: the longest answer the client reads unless told otherwise.
 * @example
 * createGiftCardsClient({ ...credentials, maxResponseBytes: 4 * DEFAULT_MAX_RESPONSE_BYTES });
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface Limits {
  timeoutMs: number;
  maxResponseBytes: number;
}

/**
 * What `raw`'s read of an answer past `maxResponseBytes` throws (the six methods resolve to an
 * error result instead).
 * @example
 * await client.raw.POST("/v5/cards/product_list", { body: {} }).catch((error) => {
 *   if (error instanceof ResponseTooLarge) console.error(`answer over ${error.maxResponseBytes} bytes`);
 * });
 */
export class ResponseTooLarge extends Error {
  override name = "ResponseTooLarge";
  constructor(readonly maxResponseBytes: number) {
    super(`the answer is longer than maxResponseBytes (${maxResponseBytes} bytes)`);
  }
}

export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** The body's chunks, counted: past `maxBytes` the body is cancelled and ResponseTooLarge thrown. */
async function* limitedChunks(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
      if (seen > maxBytes) throw new ResponseTooLarge(maxBytes);
      yield value;
    }
  } finally {
    // Done: a no-op. Too large, aborted or abandoned: stops the transfer and frees the socket.
    await reader.cancel().catch(() => undefined);
  }
}

const utf8 = new TextDecoder();

/** The body as text (UTF-8, as `response.text()` decodes it), refusing more than `maxBytes`. */
export async function readBody(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) return "";
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of limitedChunks(response.body, maxBytes)) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(bytes);
}

/** Drops a body that will not be read (a redirect's), so the connection is not left waiting. */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

// Statuses whose Response may not carry a body (the Response constructor refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch `raw` (openapi-fetch) calls: the same guards around any fetch. A SignableRequest is
 * sent as its URL, headers and body string (undici copies a Request handed to fetch, which costs
 * more than anything else here); any other Request as it is. The answer's body is the limited one,
 * so openapi-fetch's own read fails past `maxResponseBytes`.
 */
export function guardedFetch(
  fetchImpl: typeof fetch,
  { timeoutMs, maxResponseBytes }: Limits,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    const response =
      request instanceof SignableRequest && request.bodyText !== undefined
        ? await fetchImpl(request.url, {
            method: request.method,
            headers: request.headers,
            body: request.bodyText,
            signal,
            redirect: "manual",
          })
        : await fetchImpl(request, { signal, redirect: "manual" });
    if (response.body === null || NULL_BODY.has(response.status)) return response;
    const chunks = limitedChunks(response.body, maxResponseBytes);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
