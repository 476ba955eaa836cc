// @ts-check
/**
 * Writes `total` bytes (Infinity: forever) of spaces as fast as the socket drains; resolves with
 * what was written once the socket closes. For hostile servers in tests, in process or not.
 * @param {import("node:http").ServerResponse} res
 * @param {number} total
 * @param {Buffer} [chunk]
 * @returns {Promise<number>}
 */
export function pour(res, total, chunk = Buffer.alloc(16 * 1024, 0x20)) {
  let sent = 0;
  return new Promise((resolve) => {
    res.on("close", () => resolve(sent));
    res.on("error", () => undefined);
    const more = () => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", more);
      }
      if (!res.destroyed) res.end();
    };
    more();
  });
}
