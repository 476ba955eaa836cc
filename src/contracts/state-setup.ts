/**
 * Provider states are set up by the provider itself: Pact's verifier POSTs
 * `{"action": "setup"|"teardown", "state": …, "params": {…}}` to the state-setup URL around
 * each interaction (no state handlers run in this process). When that POST fails, Pact says
 * only "One or more of the setup state change handlers has failed". So, before replaying,
 * every distinct state of the local pacts is set up once, and the first refusal stops the run
 * with the provider's own words (an unknown state, bad params), or, when there is no control
 * API at all (a 404: Prism mode, the sandbox), with what to use instead.
 */
import type { PactFile, ProviderState } from "./pact-files.js";
import { ProviderFault, sendToProvider, type ProviderAnswer, type ProviderLimits } from "../upstream/send.js";

/** A state the provider could not set up: the run stops, loudly. */
export class StateSetupFailed extends Error {
  override name = "StateSetupFailed";
}

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

/** The provider's reason: a JSON `message`, else the start of its text, on one line. */
function reason(answer: ProviderAnswer): string {
  const text = answer.body.toString("utf8");
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === "string") return message;
  } catch {
    // not JSON: the text itself
  }
  return text.replace(/\s+/g, " ").trim().slice(0, 300) || "(empty body)";
}

/**
 * Sets up each state once, as Pact will; throws StateSetupFailed at the first refusal or fault.
 * @example
 * await checkStateSetup("http://127.0.0.1:4010/__control/state", distinctStates(readPactDir("contracts")), { timeoutMs: 60_000, maxAnswerBytes: 1 << 20 });
 */
export async function checkStateSetup(url: string, states: ProviderState[], limits: ProviderLimits): Promise<void> {
  for (const { name, params = {} } of states) {
    const body = Buffer.from(JSON.stringify({ action: "setup", state: name, params }));
    let answer: ProviderAnswer;
    try {
      answer = await sendToProvider(
        { method: "POST", url, headers: { "content-type": "application/json" }, body },
        limits,
        `the state-setup URL ${url}`,
      );
    } catch (error) {
      if (error instanceof ProviderFault) throw new StateSetupFailed(`cannot set up provider states: ${error.message}`);
      throw error;
    }
    if (answer.status === 404) {
      throw new StateSetupFailed(
        `the provider has no control API for provider states: POST ${url} answered HTTP 404; start fp-giftcards mock with --mode stateful, or verify a provider you do not control (the sandbox, mock --sandbox-like) with --real-api`,
      );
    }
    if (answer.status < 200 || answer.status > 299) {
      throw new StateSetupFailed(
        `provider state "${name}" ${JSON.stringify(params)} was refused: POST ${url} answered HTTP ${answer.status}: ${reason(answer)}`,
      );
    }
  }
}
