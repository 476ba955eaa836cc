/** What stands behind the shared pipeline: Prism, or the stateful simulator. */
import type { FastifyInstance } from "fastify";
import type { Answer } from "./answers.js";
import type { MockMode } from "./options.js";
import type { ValidRequest } from "./pipeline.js";

export interface Engine {
  mode: MockMode;
  /** The answer to a signed, schema-valid request. */
  answer(request: ValidRequest): Answer | Promise<Answer>;
  /** Routes of its own (the simulator's control API). */
  registerRoutes?(app: FastifyInstance): void;
}
