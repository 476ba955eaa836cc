/**
 * `verify --real-api`: which interactions of the pacts a real API can verify, and the state
 * handler that sets each one's state up there (real-api-states.ts) and answers Pact the values
 * it produced. An interaction is not verifiable when one of its states has no routine (or none
 * for this run), or when its request sends a state value the routine cannot give (the OTP) or
 * sends a state value as a literal (a contract written before injection: its card id would be
 * some card of the real API, not the one set up). Those are listed with their reason and never
 * replayed; the others are replayed from a filtered copy of the pact files.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { specOperations } from "../openapi/operations.js";
import { describeInteraction, type PactFile, type PactInteraction } from "./pact-files.js";
import { isProviderState, PROVIDER_STATES } from "../provider-states/catalogue.js";
import { RealApiCallFailed, realApiEntry, type RealApiContext } from "./real-api-states.js";
import { StateSetupFailed } from "./state-setup.js";

export interface NotVerifiableInteraction {
  /** As its author named it, with its states (describeInteraction). */
  interaction: string;
  reason: string;
}

export interface RealApiPlan {
  /** How many interactions the pacts hold. */
  total: number;
  notVerifiable: NotVerifiableInteraction[];
  /** The pacts with only the verifiable interactions (files without any left out). */
  verifiable: PactFile[];
}

type RunContext = Omit<RealApiContext, "issued">;

/** Why this interaction cannot be verified on a real API, or undefined when it can. */
function whyNot(interaction: PactInteraction, context: RunContext): string | undefined {
  const body = (interaction.request.body ?? {}) as Record<string, unknown>;
  for (const { name, params = {} } of interaction.providerStates) {
    if (!isProviderState(name)) return `unknown provider state ${JSON.stringify(name)}`;
    const entry = realApiEntry(name);
    if (entry.notVerifiable !== undefined) return entry.notVerifiable;
    const unavailable = entry.unavailable?.(context);
    if (unavailable) return unavailable;
    for (const param of Object.keys(PROVIDER_STATES[name])) {
      const injected = interaction.injected.some((value) => value.params.includes(param));
      const literal = !injected && Object.hasOwn(body, param) && body[param] === params[param];
      if (!injected && !literal) continue;
      const cannot = (entry.cannotGive as Record<string, string> | undefined)?.[param];
      if (cannot) return `the request sends the state's ${param}, and ${cannot}`;
      if (literal) {
        return `the request sends ${param} ${JSON.stringify(body[param])} as written, not injected from the state (write the contract with freedompay-gift-cards/pact, which injects it)`;
      }
    }
  }
  return undefined;
}

/**
 * @example
 * const plan = planRealApi(readPactDir("pacts"), { client, holder });
 * plan.notVerifiable; // [{ interaction: '"a confirm request with the right OTP" (given …)', reason: "the request sends the state's otp, and …" }]
 */
export function planRealApi(pacts: PactFile[], context: RunContext): RealApiPlan {
  const notVerifiable: NotVerifiableInteraction[] = [];
  const verifiable: PactFile[] = [];
  let total = 0;
  for (const pact of pacts) {
    const kept: number[] = [];
    pact.interactions.forEach((interaction, index) => {
      total++;
      const reason = whyNot(interaction, context);
      if (reason) notVerifiable.push({ interaction: describeInteraction(interaction), reason });
      else kept.push(index);
    });
    if (kept.length === 0) continue;
    const document = pact.document as { interactions: unknown[] };
    verifiable.push({
      ...pact,
      document: { ...document, interactions: kept.map((i) => document.interactions[i]) },
      interactions: kept.map((i) => pact.interactions[i]!),
    });
  }
  return { total, notVerifiable, verifiable };
}

/** Writes the filtered pacts for Pact to read; `remove` deletes them. */
export function writePlannedPacts(pacts: PactFile[]): { pacts: PactFile[]; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "fp-giftcards-real-api-"));
  const written = pacts.map((pact, i) => {
    const path = join(dir, `${i}-${basename(pact.path)}`);
    writeFileSync(path, JSON.stringify(pact.document));
    return { ...pact, path };
  });
  return { pacts: written, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Who fresh cards are issued to: the holder and product of the pacts' first successful issue
 * request (else the spec's example), the phone replaced by `testPhone` when given.
 * @example
 * realApiHolder(pacts, "79001234567"); // { cardholder_name: "IVANOV IVAN IVANOVICH", phone: 79001234567, product_code: 1 }
 */
export function realApiHolder(pacts: PactFile[], testPhone?: string): RealApiContext["holder"] {
  const issue = specOperations().get("issueCard")!;
  const fromPact = pacts
    .flatMap((pact) => pact.interactions)
    .find((i) => i.request.path === issue.path && (i.response.body as { status?: unknown } | undefined)?.status === 0)
    ?.request.body;
  const { cardholder_name, phone, product_code } = (fromPact ?? issue.requestExample) as RealApiContext["holder"];
  const given = testPhone === undefined ? phone : /^\d+$/.test(testPhone) ? Number(testPhone) : testPhone;
  return { cardholder_name, phone: given, product_code };
}

/** Pact's state-change call, as the guard receives it. */
export interface StateChange {
  action?: unknown;
  state?: unknown;
  params?: unknown;
}

/**
 * The state handler of a run: sets a state up through the provider's own operations and
 * answers the values to inject; a failure is a StateSetupFailed naming the state and the
 * operation, in one line.
 */
export function realApiStateHandler(context: RunContext): (change: StateChange) => Promise<Record<string, unknown>> {
  const full: RealApiContext = { ...context, issued: new Set() };
  return async ({ action = "setup", state }) => {
    if (action === "teardown") return {}; // nothing a real API lets us undo; each setup makes its own
    if (!isProviderState(state)) throw new StateSetupFailed(`unknown provider state ${JSON.stringify(state)}`);
    const entry = realApiEntry(state);
    if (!entry.setUp)
      throw new StateSetupFailed(`provider state "${state}" is not verifiable on a real API: ${entry.notVerifiable}`);
    try {
      return await entry.setUp(full);
    } catch (error) {
      if (!(error instanceof RealApiCallFailed)) throw error;
      throw new StateSetupFailed(`provider state "${state}" could not be set up on the real API: ${error.message}`);
    }
  };
}
