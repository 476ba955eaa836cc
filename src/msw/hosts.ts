/**
 * Where the handlers answer: the API's hosts as the spec's `servers` lists them (production,
 * the test sandbox, the documented mirrors), or the base URLs a user gives. A base URL is an
 * origin — the operations' paths are the spec's, signed as such — so one with a path is refused.
 */
import { loadSpec } from "../openapi/load.js";

/** The spec's `servers`, as origins. */
export function specHosts(): string[] {
  const servers = loadSpec().servers ?? [];
  if (servers.length === 0) throw new Error("spec: servers lists no host for the MSW handlers to answer on");
  return servers.map((server) => new URL(server.url).origin);
}

function origin(option: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash) {
    throw new Error(
      `giftCardsHandlers: ${option} must be an http(s) origin such as https://api.freedompay.kz (no path), ` +
        `got ${JSON.stringify(value)}`,
    );
  }
  return url.origin;
}

/** The origins to answer on: `baseUrl`, else `baseUrls`, else the spec's hosts. */
export function origins(options: { baseUrl?: string; baseUrls?: readonly string[] }): string[] {
  if (options.baseUrl !== undefined && options.baseUrls !== undefined)
    throw new Error("giftCardsHandlers: give baseUrl or baseUrls, not both");
  if (options.baseUrl !== undefined) return [origin("baseUrl", options.baseUrl)];
  if (options.baseUrls !== undefined) {
    if (options.baseUrls.length === 0)
      throw new Error("giftCardsHandlers: baseUrls is empty; leave it out to answer on the API's own hosts");
    return [...new Set(options.baseUrls.map((url, i) => origin(`baseUrls[${i}]`, url)))];
  }
  return specHosts();
}
