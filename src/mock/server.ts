/**
 * The HTTP layer both modes share (fastify). Routing answers unknown paths 404 and other
 * methods on a known path 405; the body is read as raw bytes under a 64 KiB limit (413 above
 * it), because the signature covers the exact bytes; then the pipeline and the engine answer.
 * Whatever goes wrong inside answers JSON: bad input never gets a 5xx, and a failure of ours
 * is a logged 500 that leaves the server serving.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { specValidators } from "../openapi/validators.js";
import { httpError, type Answer } from "./answers.js";
import { Authenticator, type RawRequest } from "./authenticate.js";
import type { Engine } from "./engine.js";
import type { ResolvedMockOptions } from "./options.js";
import { notJsonContentType, runPipeline } from "./pipeline.js";

/** Larger bodies are refused with 413 without being read further. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const OTHER_METHODS = ["GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"] as const;

function send(reply: FastifyReply, answer: Answer): FastifyReply {
  if (answer.headers) reply.headers(answer.headers);
  // fastify serializes an object as `application/json; charset=utf-8` by itself.
  if (typeof answer.body !== "object" || answer.body === null) reply.type("application/json; charset=utf-8");
  return reply.code(answer.httpStatus).send(answer.body);
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function rawRequest(request: FastifyRequest): RawRequest {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return { method: request.method, path: pathOf(request.url), headers: request.headers, body };
}

function errorAnswer(error: FastifyError, log: (line: string) => void): Answer {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return httpError(413, `the request body is larger than ${BODY_LIMIT_BYTES} bytes`);
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return notJsonContentType();
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return httpError(status, error.message);
  log(`mock: internal error: ${error.stack ?? error.message}`);
  return httpError(500, "the mock failed to answer (its bug, logged); the server keeps serving");
}

export function createMockServer(engine: Engine, auth: Authenticator, options: ResolvedMockOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    forceCloseConnections: true,
    frameworkErrors: (error, _request, reply) => {
      send(reply, httpError(400, error.message));
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: FastifyError, _request, reply) => send(reply, errorAnswer(error, options.logger)));
  app.setNotFoundHandler((request, reply) => send(reply, httpError(404, `no operation at ${request.method} ${pathOf(request.url)}`)));

  for (const validators of specValidators().values()) {
    const path = validators.operation.path;
    // Synchronous when the engine is (the simulator): no promise per request on the hot path.
    app.post(path, (request, reply) => {
      const checked = runPipeline(rawRequest(request), validators, auth);
      if (!checked.ok) return send(reply, checked.answer);
      const answer = engine.answer(checked.request);
      return answer instanceof Promise ? answer.then((settled) => send(reply, settled)) : send(reply, answer);
    });
    app.route({
      method: [...OTHER_METHODS],
      url: path,
      exposeHeadRoute: false,
      handler: (request, reply) => send(reply, httpError(405, `${request.method} is not allowed on ${path}; every operation is a POST`, { allow: "POST" })),
    });
  }
  engine.registerRoutes?.(app);
  return app;
}
