/**
 * Which function answers a request: each operation's path takes POST only (405 with
 * `Allow: POST` for any other method), the simulator's control API lives under `/__control/`,
 * and anything else is a 404. Plain functions in, one function out: the HTTP layer calls it.
 */
import { httpError, type Answer } from "./answers.js";
import type { RawRequest } from "./authenticate.js";
import type { ServedRequest } from "./http-server.js";

export type Handler = (request: RawRequest) => Answer | Promise<Answer>;

/** The control API's answer (or the dashboard's), or undefined when it has no such call. */
export type ControlHandler = (request: ServedRequest) => Answer | undefined;

export const CONTROL_PREFIX = "/__control/";
/** The dashboard page and its files. */
export const DASHBOARD_PATH = "/__dashboard";

export interface Routes {
  /** By path: the handler of the operation served there. */
  operations: ReadonlyMap<string, Handler>;
  control?: ControlHandler;
}

export function createRouter({ operations, control }: Routes): (request: ServedRequest) => Answer | Promise<Answer> {
  return (request) => {
    const operation = operations.get(request.path);
    if (operation) {
      if (request.method === "POST") return operation(request);
      return httpError(405, `${request.method} is not allowed on ${request.path}; every operation is a POST`, { allow: "POST" });
    }
    const own = request.path.startsWith(CONTROL_PREFIX) || request.path.startsWith(DASHBOARD_PATH);
    const answer = control && own ? control(request) : undefined;
    return answer ?? httpError(404, `no operation at ${request.method} ${request.path}`);
  };
}
