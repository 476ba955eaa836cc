/**
 * What `startMock` accepts, and the defaults that fill it in. The defaults live here, not in
 * the CLI, so a library user and `fp-giftcards mock` get the same mock.
 */
import type { Credentials } from "../signing/headers.js";

export type MockMode = "prism" | "stateful";

export interface MockOptions {
  /** `"prism"` (spec-driven answers, the default) or `"stateful"` (the lifecycle simulator). */
  mode?: MockMode;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Who may call; default one merchant with the docs' example credentials (123456 / secret). */
  merchants?: Credentials[];
  /** Check signatures (default true); off, any request is taken as the first merchant's. */
  auth?: boolean;
  /** Prism mode only: generate bodies from the schemas instead of serving examples. */
  dynamic?: boolean;
  /** With `dynamic`: the same seed gives the same bodies. */
  seed?: number;
  /** Stateful mode: how long an OTP stays valid on the simulated clock (default 300 s). */
  otpLifetimeSeconds?: number;
  /** Stateful mode: every merchant's prefunded balance at start and after a reset (default 1 000 000). */
  partnerBalance?: number;
  /** Where to write one line per notable event (an OTP "sent", a handler failure); default silent. */
  logger?: (line: string) => void;
}

export type ResolvedMockOptions = Required<Omit<MockOptions, "seed" | "logger">> & Pick<MockOptions, "seed"> & { logger: (line: string) => void };

/** The logger used when none is given: nothing is formatted for it (see `isSilent`). */
export const SILENT = (): void => undefined;

/** The docs' example credentials (doc-760202), the merchant a bare `fp-giftcards mock` accepts. */
export const DOCS_EXAMPLE_MERCHANT: Readonly<Credentials> = Object.freeze({ authId: "123456", secret: "secret" });

export const MOCK_DEFAULTS = Object.freeze({
  mode: "prism" as MockMode,
  host: "127.0.0.1",
  port: 4010,
  auth: true,
  dynamic: false,
  otpLifetimeSeconds: 300,
  partnerBalance: 1_000_000,
});

/** Thrown for options that cannot work together; the CLI shows its message as one line. */
export class MockOptionsError extends Error {
  override name = "MockOptionsError";
}

/**
 * Fills in the defaults and rejects contradictions.
 * @example
 * resolveMockOptions({ mode: "stateful", port: 0 }).merchants; // => [{ authId: "123456", secret: "secret" }]
 */
export function resolveMockOptions(options: MockOptions = {}): ResolvedMockOptions {
  const resolved: ResolvedMockOptions = {
    ...MOCK_DEFAULTS,
    ...definedOnly(options),
    merchants: options.merchants && options.merchants.length > 0 ? options.merchants : [{ ...DOCS_EXAMPLE_MERCHANT }],
    logger: options.logger ?? SILENT,
  };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new MockOptionsError(`port must be an integer from 0 to 65535, got ${resolved.port}`);
  }
  if (resolved.mode !== "prism" && resolved.mode !== "stateful") {
    throw new MockOptionsError(`mode must be "prism" or "stateful", got "${String(resolved.mode)}"`);
  }
  if (resolved.mode === "stateful" && resolved.dynamic) {
    throw new MockOptionsError("dynamic bodies are a Prism-mode feature; the stateful simulator answers from its state");
  }
  if (resolved.seed !== undefined && !Number.isSafeInteger(resolved.seed)) {
    throw new MockOptionsError(`seed must be an integer, got ${resolved.seed}`);
  }
  if (!(resolved.otpLifetimeSeconds > 0)) throw new MockOptionsError("the OTP lifetime must be a positive number of seconds");
  if (!Number.isSafeInteger(resolved.partnerBalance) || resolved.partnerBalance < 0) {
    throw new MockOptionsError("the partner balance must be a non-negative integer");
  }
  const ids = new Set<string>();
  for (const { authId, secret } of resolved.merchants) {
    if (!authId || !secret) throw new MockOptionsError("every merchant needs an auth id and a secret");
    if (ids.has(authId)) throw new MockOptionsError(`merchant ${authId} is given twice`);
    ids.add(authId);
  }
  return resolved;
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
