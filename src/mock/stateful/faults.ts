/**
 * Fault injection (`POST /__control/faults`): the next matching requests to an operation answer
 * a business status it documents — the spec's own example for that status — instead of running,
 * so an app can meet what the simulator never produces by itself: -5 CardIssueFailed and
 * -9 ActivationFailed come from the bank. A status the operation does not document is refused,
 * so a fault can never make the simulator answer outside the spec. (WireMock's faults and
 * Mailpit's chaos are the models.) A faulted request changes nothing: no card, no charge.
 */
import { errorStatusName } from "../../openapi/codes.js";
import { specOperations } from "../../openapi/operations.js";

/** One fault as `GET /__control/faults` shows it. */
export interface Fault {
  operation: string;
  status: number;
  /** The chance, 0 < p ≤ 1, that a matching request gets the fault (default 1). */
  probability: number;
  /** How many more requests get it; null: until cleared. */
  times: number | null;
}

export type FaultResult = { ok: true; fault: Fault } | { ok: false; message: string };

const MAX_FAULTS = 100;
const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** A fault request checked against the spec: the operation, a status it documents, the counts. */
export function readFault(body: Record<string, unknown>): FaultResult {
  const { operation, status, probability = 1, times = null } = body;
  const known = [...specOperations().keys()];
  const spec = typeof operation === "string" ? specOperations().get(operation) : undefined;
  if (!spec) return { ok: false, message: `operation must be one of ${known.join(", ")}; got ${show(operation)}` };
  const documented = spec.outcomes.filter((s) => s < 0);
  if (typeof status !== "number" || !documented.includes(status)) {
    const names = documented.map((s) => `${s} (${errorStatusName(s) ?? "?"})`).join(", ");
    return { ok: false, message: `${operation} documents the business statuses ${names}; got status ${show(status)}` };
  }
  if (typeof probability !== "number" || !(probability > 0 && probability <= 1)) {
    return { ok: false, message: `probability must be a number above 0 and at most 1; got ${show(probability)}` };
  }
  if (times !== null && (typeof times !== "number" || !Number.isInteger(times) || times < 1)) {
    return { ok: false, message: `times must be a positive integer (or absent: until cleared); got ${show(times)}` };
  }
  return { ok: true, fault: { operation: spec.operationId, status, probability, times } };
}

export class Faults {
  private faults: Fault[] = [];
  /** Told whenever the list changes (the dashboard's live updates). */
  onChange: (() => void) | undefined;

  constructor(private readonly random: () => number = Math.random) {}

  /** Adds a fault (a later one for the same operation is checked first); false when MAX_FAULTS are set. */
  add(fault: Fault): boolean {
    if (this.faults.length >= MAX_FAULTS) return false;
    this.faults.unshift({ ...fault });
    this.onChange?.();
    return true;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
    this.onChange?.();
  }

  /** The status a request to `operationId` must answer, using up one of the fault's times; undefined when none applies. */
  take(operationId: string): number | undefined {
    if (this.faults.length === 0) return undefined;
    const fault = this.faults.find((f) => f.operation === operationId);
    if (!fault || (fault.probability < 1 && this.random() >= fault.probability)) return undefined;
    if (fault.times !== null && --fault.times === 0) this.faults = this.faults.filter((f) => f !== fault);
    this.onChange?.();
    return fault.status;
  }
}

/** The spec's example answer of `operationId` for `status`, as the simulator answers it. */
export function faultExample(operationId: string, status: number): Record<string, unknown> {
  const spec = specOperations().get(operationId)!;
  const example = Object.values(spec.examples).find((ex) => (ex as { status?: unknown } | null)?.status === status);
  return { ...(example as Record<string, unknown>) };
}
