/**
 * One exchange through the proxy: the app's request is re-signed and forwarded, the upstream's
 * answer is passed back to the app byte for byte, and only then checked, reported and recorded.
 *
 * The order is the invariant. What the app gets depends on the upstream alone: the answer as
 * it came (a redirect included, never followed), or for an upstream fault a JSON 502 (504 when
 * it stalled) in the API's envelope. Checking and recording work on copies and can fail
 * without touching that answer; such a failure is one more report line. Every request is
 * forwarded, whatever its method and path: a path the spec does not have is exactly what the
 * real API should be asked about, and is recorded as an unknown operation, unchecked.
 */
import { validateHeaderName, validateHeaderValue, type IncomingHttpHeaders } from "node:http";
import { httpError, type Answer } from "../http/answer.js";
import type { ServedRequest } from "../http/serve.js";
import { operationAtPath } from "../openapi/operations.js";
import { sensitiveFields } from "../openapi/sensitive.js";
import { ProviderFault, sendToProvider, type ProviderAnswer } from "../upstream/send.js";
import { passedBack, reSignedRequest } from "../upstream/re-sign.js";
import { labelOf, observe } from "./observation.js";
import type { ResolvedProxyOptions } from "./options.js";
import { writeRecording } from "./recording.js";
import { notKeptLine } from "./report.js";

/** Headers of the app's request not forwarded: the proxy reads every answer, so it asks for it uncompressed. */
const NOT_FORWARDED = new Set(["accept-encoding", "expect"]);

/** The answer's headers as the app gets them: end-to-end ones only, and none node would refuse to send. */
function headersForApp(headers: IncomingHttpHeaders): Record<string, string | string[]> {
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

/** What the app gets: the upstream's answer as it came, or the API's envelope saying why there is none. */
function answerForApp(outcome: ProviderAnswer | ProviderFault): Answer {
  if (outcome instanceof ProviderFault) return httpError(outcome.kind === "stalled" ? 504 : 502, `fp-giftcards proxy: ${outcome.message}`);
  return { httpStatus: outcome.status, body: undefined, bytes: outcome.body, headers: headersForApp(outcome.headers) };
}

/**
 * The request handler of a proxy with these options.
 * @example
 * const server = await serveHttp(proxyHandler(resolveProxyOptions({ upstream, authId, secret })), httpOptions, "127.0.0.1", 0);
 */
export function proxyHandler(options: ResolvedProxyOptions): (request: ServedRequest) => Promise<Answer> {
  const observer = { fields: sensitiveFields(), secret: options.secret, scheme: options.scheme };
  const credentials = { authId: options.authId, secret: options.secret, scheme: options.scheme, jwsAlgorithm: options.jwsAlgorithm };
  const limits = { timeoutMs: options.upstreamTimeoutSeconds * 1000, maxAnswerBytes: options.maxAnswerBytes };
  const report = options.logger;

  const forward = async (request: ServedRequest): Promise<ProviderAnswer | ProviderFault> => {
    const headers: IncomingHttpHeaders = { "accept-encoding": "identity" };
    for (const [name, value] of Object.entries(request.headers)) if (!NOT_FORWARDED.has(name)) headers[name] = value;
    const what = `the upstream at ${options.upstream} (${request.method} ${request.path})`;
    const forwarded = { method: request.method, pathAndQuery: `${request.path}${request.query}`, headers, body: request.body };
    try {
      return await sendToProvider(reSignedRequest(options.upstream, forwarded, credentials), limits, what);
    } catch (error) {
      if (error instanceof ProviderFault) return error;
      return new ProviderFault("refused", `${what} could not be sent the request: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return async (request) => {
    const operation = request.method === "POST" ? operationAtPath(request.path) : undefined;
    const started = performance.now();
    const outcome = await forward(request);
    const answer = answerForApp(outcome);
    const label = labelOf(request, operation);
    try {
      const { recording, lines } = observe({ request, operation, outcome, appStatus: answer.httpStatus, timingMs: Math.round(performance.now() - started) }, observer);
      for (const line of lines) report(line);
      if (options.record !== undefined) {
        try {
          writeRecording(options.record, recording);
        } catch (error) {
          report(notKeptLine(label, `it could not be recorded in ${options.record}: ${(error as Error).message}`));
        }
      }
    } catch (error) {
      report(notKeptLine(label, `checking or recording it failed (our bug): ${error instanceof Error ? error.message : String(error)}`));
    }
    return answer;
  };
}
