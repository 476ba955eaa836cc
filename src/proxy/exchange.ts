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
import { httpError, type Answer } from "../http/answer.js";
import { createForwarder, passedOn, type ForwardOutcome } from "../http/forward.js";
import type { ServedRequest } from "../http/request.js";
import { operationAtPath } from "../openapi/operations.js";
import { sensitiveFields } from "../openapi/sensitive.js";
import { ProviderFault } from "../upstream/send.js";
import { labelOf, observe } from "./observation.js";
import type { ResolvedProxyOptions } from "./options.js";
import { writeRecording } from "./recording.js";
import { notKeptLine } from "./report.js";

/** What the app gets: the upstream's answer as it came, or the API's envelope saying why there is none. */
function answerForApp(outcome: ForwardOutcome): Answer {
  if (outcome instanceof ProviderFault)
    return httpError(outcome.kind === "stalled" ? 504 : 502, `fp-giftcards proxy: ${outcome.message}`);
  return passedOn(outcome);
}

/**
 * The request handler of a proxy with these options.
 * @example
 * const server = await serveHttp(proxyHandler(resolveProxyOptions({ upstream, authId, secret })), httpOptions, "127.0.0.1", 0);
 */
export function proxyHandler(options: ResolvedProxyOptions): (request: ServedRequest) => Promise<Answer> {
  const observer = { fields: sensitiveFields(), secret: options.secret, scheme: options.scheme };
  const forwarder = createForwarder({
    baseUrl: options.upstream,
    credentials: {
      authId: options.authId,
      secret: options.secret,
      scheme: options.scheme,
      jwsAlgorithm: options.jwsAlgorithm,
    },
    limits: { timeoutMs: options.upstreamTimeoutSeconds * 1000, maxAnswerBytes: options.maxAnswerBytes },
    name: "the upstream",
    // The proxy reads every answer, so it asks for it uncompressed.
    dropHeaders: ["accept-encoding", "expect"],
    setHeaders: { "accept-encoding": "identity" },
  });
  const report = options.logger;

  return async (request) => {
    const operation = request.method === "POST" ? operationAtPath(request.path) : undefined;
    const started = performance.now();
    const outcome = await forwarder.forward(request);
    const answer = answerForApp(outcome);
    const label = labelOf(request, operation);
    try {
      const { recording, lines } = observe(
        {
          request,
          operation,
          outcome,
          appStatus: answer.httpStatus,
          timingMs: Math.round(performance.now() - started),
        },
        observer,
      );
      for (const line of lines) report(line);
      if (options.record !== undefined) {
        try {
          writeRecording(options.record, recording);
        } catch (error) {
          report(notKeptLine(label, `it could not be recorded in ${options.record}: ${(error as Error).message}`));
        }
      }
    } catch (error) {
      report(
        notKeptLine(
          label,
          `checking or recording it failed (our bug): ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    return answer;
  };
}
