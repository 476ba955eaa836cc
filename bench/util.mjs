/**
 * Small helpers shared by the benchmarks: statistics over repeated rounds, a plain-text table,
 * and the facts of the machine. Pure functions only (the tests in test/bench import them).
 *
 * Why rounds and medians: these machines have 2 cores and neighbours; one measurement says
 * little. Every benchmark warms up, repeats, and reports the median with the min–max spread.
 */
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

/** The median of a non-empty list of numbers (mean of the two middle values for an even count). */
export function median(values) {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100), nearest-rank, of a non-empty list. */
export function percentile(values, p) {
  if (values.length === 0) throw new Error("percentile of no values");
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** `{ median, min, max, spread }` of a list; spread is (max − min) / median, e.g. 0.08 = ±8% band. */
export function summarize(values) {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: m, min, max, spread: m === 0 ? 0 : (max - min) / m, n: values.length };
}

/** Fixed decimals, grouped thousands for big numbers: 1234.5 → "1,234.5". */
export function fmt(value, decimals = 1) {
  return Number(value).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Bytes as KiB/MiB with one decimal, e.g. 1536 → "1.5 KiB". */
export function fmtBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** "median (min–max)" with the given formatter. */
export function fmtSpread({ median: m, min, max }, format = (v) => fmt(v)) {
  return `${format(m)} (${format(min)}–${format(max)})`;
}

/**
 * A plain-text table: the first row is the header, columns are padded, numeric-looking cells
 * are right-aligned. Markdown-compatible (pipes), so it can be pasted into BENCHMARKS.md.
 */
export function table(rows) {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => String(row[col] ?? "").length)));
  const numeric = (cell) => /^[-+]?[\d,.]+(\s?(µs|ms|s|%|×|KiB|MiB|GiB|B))?(\s\(.*\))?$/.test(cell);
  const line = (row) =>
    `| ${row.map((cell, col) => (numeric(String(cell)) ? String(cell).padStart(widths[col]) : String(cell).padEnd(widths[col]))).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/** Node version, CPU model and count, memory: what BENCHMARKS.md says about the machine. */
export function machine() {
  const list = cpus();
  return {
    node: process.version,
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  };
}

export function machineLine() {
  const m = machine();
  return `${m.node} · ${m.cores} × ${m.cpu} · ${m.memoryGiB} GiB · ${m.platform}`;
}

/** True when the module at `metaUrl` is the script node was started with (run alone, not imported). */
export function isMain(metaUrl) {
  return process.argv[1] !== undefined && fileURLToPath(metaUrl) === process.argv[1];
}

/** A heading for one benchmark's output, with the command that reproduces it. */
export function heading(title, command) {
  return `\n## ${title}\nreproduce: ${command}\n`;
}

/** "met" / "MISSED" for a target. */
export function verdict(met) {
  return met ? "met" : "MISSED";
}
