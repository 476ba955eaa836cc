/**
 * Which function answers a request: each operation's path takes POST only (405 with
 * `Allow: POST` for any other method), the control API lives under `/__control/` and the
 * dashboard under `/__dashboard`,
 * and anything else is a 404. Plain functions in, one function out: the HTTP layer calls it.
 */
import { httpError, type Answer } from "../http/answer.js";
import { DASHBOARD_PATH } from "../http/dashboard.js";
import type { RawRequest } from "../http/request.js";

/** The answer to a request routed to one operation, or the router's own. */
export type RouteHandler = (request: RawRequest) => Answer | Promise<Answer>;

/** A control call: its query (`""` or `"?…"`) when the HTTP layer gave one (an in-process caller may not). */
export type ControlRequest = RawRequest & { query?: string };

/** The control API's answer (or the dashboard's), or undefined when it has no such call. */
export type ControlHandler = (request: ControlRequest) => Answer | undefined;

export const CONTROL_PREFIX = "/__control/";

export interface Routes {
  /** By path: the handler of the operation served there. */
  operations: ReadonlyMap<string, RouteHandler>;
  control?: ControlHandler;
}

export function createRouter({ operations, control }: Routes): RouteHandler {
  return (request) => {
    const operation = operations.get(request.path);
    if (operation) {
      if (request.method === "POST") return operation(request);
      return httpError(405, `${request.method} is not allowed on ${request.path}; every operation is a POST`, {
        allow: "POST",
      });
    }
    const own = request.path.startsWith(CONTROL_PREFIX) || request.path.startsWith(DASHBOARD_PATH);
    const answer = control && own ? control(request) : undefined;
    return answer ?? httpError(404, `no operation at ${request.method} ${request.path}`);
  };
}
