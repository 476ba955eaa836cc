/** What stands behind the shared pipeline: Prism, or the stateful simulator. It knows no HTTP. */
import type { Answer } from "../http/answer.js";
import type { ValidRequest } from "./pipeline.js";

export interface Engine {
  /** The answer to a signed, schema-valid request. */
  answer(request: ValidRequest): Answer | Promise<Answer>;
}
