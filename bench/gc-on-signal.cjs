// @ts-check
/**
 * A bench instrument, preloaded into a server under test (`node --expose-gc --require
 * bench/gc-on-signal.cjs …`): on SIGUSR2 it collects garbage and prints the memory still in
 * use, so that what a server retains can be told from garbage not yet collected.
 */
process.on("SIGUSR2", () => {
  const collect = /** @type {undefined | (() => void)} */ (/** @type {Record<string, unknown>} */ (globalThis).gc);
  if (!collect) throw new Error("gc-on-signal.cjs needs node --expose-gc");
  collect();
  collect();
  const { heapUsed, external, rss } = process.memoryUsage();
  process.stderr.write(`HEAP ${JSON.stringify({ heapUsed, external, rss })}\n`);
});
