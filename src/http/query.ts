/** The query of a control call, read the one way every control call reads it. */

export type QueryValue<T> = { ok: true; value: T } | { ok: false; message: string };

/** The query string (`""` or `"?…"`) as parameters. */
export function queryOf(query: string | undefined): URLSearchParams {
  return new URLSearchParams(query?.startsWith("?") ? query.slice(1) : (query ?? ""));
}

/**
 * `limit`: a whole number from 1 to `max`; absent is `fallback`.
 * @example
 * limitParam(queryOf("?limit=5"), 1000, 50); // { ok: true, value: 5 }
 */
export function limitParam(params: URLSearchParams, max: number, fallback: number): QueryValue<number> {
  const raw = params.get("limit");
  if (raw === null) return { ok: true, value: fallback };
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max)
    return { ok: false, message: `limit must be a whole number from 1 to ${max}; got ${JSON.stringify(raw)}` };
  return { ok: true, value };
}
