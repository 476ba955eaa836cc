/**
 * What the mock and the proxy serve for a developer watching them: the journal
 * (`GET /__control/requests?limit=N`), its live stream (`GET /__control/events`) and the
 * dashboard page (`GET /__dashboard`), plain HTML, CSS and JS this package ships next to this
 * module (src/http/dashboard/, copied to dist by the build) — no framework, nothing fetched from
 * elsewhere. Files are read once, on the first request for them.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Answer } from "./answer.js";
import type { EventHub } from "./events.js";
import type { RawRequest } from "./request.js";
import type { Journal } from "./journal.js";
import { errorStatusName } from "../openapi/codes.js";
import { specOperations } from "../openapi/operations.js";
import { limitParam, queryOf } from "./query.js";

/** The dashboard page and its files. */
export const DASHBOARD_PATH = "/__dashboard";

const FILES: Record<string, string> = {
  "index.html": "text/html; charset=utf-8",
  "dashboard.css": "text/css; charset=utf-8",
  "dashboard.js": "text/javascript; charset=utf-8",
};
const cache = new Map<string, Buffer>();

function file(name: string): Answer {
  let bytes = cache.get(name);
  if (!bytes) cache.set(name, (bytes = readFileSync(fileURLToPath(new URL(`./dashboard/${name}`, import.meta.url)))));
  const headers = { "content-type": FILES[name]!, "cache-control": "no-cache", "x-content-type-options": "nosniff" };
  return { httpStatus: 200, body: undefined, bytes, headers };
}

/** Each operation's documented business statuses: the choices of the page's fault form. */
function operationStatuses() {
  return [...specOperations().values()].map((op) => ({
    operationId: op.operationId,
    statuses: op.outcomes.filter((s) => s < 0).map((status) => ({ status, name: errorStatusName(status) ?? "" })),
  }));
}

export interface DashboardParts {
  journal: Journal;
  events: EventHub;
  /** What the page shows: the simulator's panels, or only the journal (Prism mode, the proxy). */
  about: { kind: "mock" | "proxy"; mode: string };
}

/** The journal, the event stream and the page; undefined for any other path. */
export function dashboardRoutes({
  journal,
  events,
  about,
}: DashboardParts): (request: RawRequest & { query?: string }) => Answer | undefined {
  return (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return undefined;
    const { path } = request;
    if (path === "/__control/requests") {
      const limit = limitParam(queryOf(request.query), Math.max(1, journal.capacity), 100);
      return limit.ok
        ? { httpStatus: 200, body: { requests: journal.entries(limit.value) } }
        : { httpStatus: 400, body: { message: limit.message } };
    }
    if (path === "/__control/events") return events.subscribe();
    if (path === DASHBOARD_PATH || path === `${DASHBOARD_PATH}/`) return file("index.html");
    if (path === `${DASHBOARD_PATH}/about.json`)
      return { httpStatus: 200, body: { ...about, operations: operationStatuses() } };
    const name = path.startsWith(`${DASHBOARD_PATH}/`) ? path.slice(DASHBOARD_PATH.length + 1) : "";
    return Object.hasOwn(FILES, name) ? file(name) : undefined;
  };
}
