/**
 * Provider states are set up by the provider itself: Pact's verifier POSTs
 * `{"action": "setup"|"teardown", "state": …, "params": {…}}` to the state-setup URL around
 * each interaction (no state handlers run in this process). When that POST fails, Pact says
 * only "One or more of the setup state change handlers has failed". So, before replaying,
 * every distinct state of the local pacts is set up once, and the first refusal stops the run
 * with the provider's own words (an unknown state, bad params, no control API at all).
 */
import type { PactFile, ProviderState } from "./pact-files.js";

/** A state the provider could not set up: the run stops, loudly. */
export class StateSetupFailed extends Error {}

/** Every distinct (state, params) of the pacts, in the order they first appear. */
export function distinctStates(pacts: PactFile[]): ProviderState[] {
  const seen = new Map<string, ProviderState>();
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      for (const state of interaction.providerStates) seen.set(JSON.stringify([state.name, state.params ?? {}]), state);
    }
  }
  return [...seen.values()];
}

async function reason(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === "string") return message;
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 300) || "(empty body)";
}

/**
 * Sets up each state once, as Pact will; throws StateSetupFailed at the first refusal.
 * @example
 * await checkStateSetup("http://127.0.0.1:4010/__control/state", distinctStates(readPactDir("contracts")));
 */
export async function checkStateSetup(url: string, states: ProviderState[], timeoutMs = 10_000): Promise<void> {
  for (const { name, params = {} } of states) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "setup", state: name, params }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new StateSetupFailed(`cannot set up provider states: POST ${url} failed (${why})`);
    }
    if (!response.ok) {
      throw new StateSetupFailed(`provider state "${name}" ${JSON.stringify(params)} was refused: POST ${url} answered HTTP ${response.status}: ${await reason(response)}`);
    }
    await response.arrayBuffer().catch(() => undefined);
  }
}
