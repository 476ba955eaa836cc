/**
 * Prism mode: Prism, embedded in-process, produces every answer from the spec (its examples,
 * or bodies generated from the schemas with `dynamic`). The shared pipeline has already
 * checked the signature and the body, so Prism runs with its own security and request
 * validation off and never answers its invented 422. The operations are read once at start.
 */
import { createInstance, getHttpOperationsFromSpec, type IHttpConfig } from "@stoplight/prism-http";
import { loadSpec } from "../../openapi/load.js";
import { httpError, type Answer } from "../../http/answer.js";
import type { Engine, ValidRequest } from "../engine.js";
import type { ResolvedMockOptions } from "../options.js";
import { readPreferences } from "./prefer.js";
import { prismLogger } from "./prism-logger.js";

type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;
type PrismError = Error & { status?: number; detail?: string };

/** What Prism mode reads of the options: no merchant, no secret. */
export type PrismSettings = Pick<ResolvedMockOptions, "dynamic" | "seed" | "logger">;

export async function createPrismEngine(options: PrismSettings): Promise<Engine> {
  // The document src/openapi parsed (a copy: Prism dereferences in place), not a second reading of the file.
  const operations: Operations = await getHttpOperationsFromSpec(structuredClone(loadSpec()) as object);
  const baseConfig = {
    checkSecurity: false,
    validateRequest: false,
    validateResponse: false,
    errors: false,
    isProxy: false as const,
    upstreamProxy: undefined,
  };
  const prism = createInstance(
    { ...baseConfig, mock: { dynamic: options.dynamic } },
    { logger: prismLogger(options.logger) as never },
  );

  async function answer(request: ValidRequest): Promise<Answer> {
    const { operation } = request;
    const prefer = readPreferences(request.headers.prefer, operation);
    if (!prefer.ok) return prefer.answer;
    const { preferences } = prefer;
    const dynamic = preferences.dynamic ?? options.dynamic;
    const seed = preferences.seed ?? (options.seed !== undefined ? String(options.seed) : undefined);
    const config: IHttpConfig = {
      ...baseConfig,
      mock: {
        dynamic,
        ...(seed !== undefined ? { seed } : {}),
        ...(preferences.code !== undefined ? { code: preferences.code } : {}),
        ...(preferences.exampleKey !== undefined ? { exampleKey: preferences.exampleKey } : {}),
      },
    };
    // Only what Prism needs to pick the answer: the Accept or signature headers must not steer it.
    const input = {
      method: "post" as const,
      url: { path: operation.path, query: {} },
      headers: { "content-type": "application/json" },
      body: request.body,
    };
    const result = await prism.request(input, operations, config)();
    if (result._tag === "Left") {
      const error = result.left as PrismError;
      const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
      if (status === 500) options.logger(`prism failed on ${operation.operationId}: ${error.message}`);
      return httpError(status, `Prism could not answer: ${error.detail ?? error.message}`);
    }
    const { output } = result.right;
    return { httpStatus: output.statusCode, body: output.body };
  }

  return { answer };
}
