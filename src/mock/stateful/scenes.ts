/**
 * The scenes of the provider-state catalogue (src/provider-states), for contract verification
 * (`POST /__control/state`). Each starts from the baseline — a reset — then sets up its scene
 * for the default merchant (the first configured) or `params.auth_id`. The catalogue owns the
 * names, their params and the checks of both (an unknown or missing param is refused in the
 * words `check` uses); the compiler holds the simulator to exactly those states. Everything is
 * checked before anything is reset: a refused state leaves the simulator as it was.
 */
import { PROVIDER_STATES, type ProviderStateName } from "../../provider-states/catalogue.js";
import { checkStateParams, type StateValues } from "../../provider-states/values.js";
import { ErrorStatus } from "../../openapi/codes.js";
import { catalogue } from "./products.js";
import type { Simulator } from "./simulator.js";

export type StateParams = Record<string, unknown>;

/** Sets up one scene, its params already checked. */
type Scene = (sim: Simulator, values: StateValues, authId: string) => void;

/** The holder of every card a scene creates. */
const SCENE_HOLDER = { cardholderName: "IVANOV IVAN IVANOVICH", phone: 79651234567 };
/** The merchant that owns "another merchant's" card when only one is configured; it cannot sign. */
export const OTHER_MERCHANT_ID = "other-merchant";

function issueSceneCard(sim: Simulator, authId: string, id: number, code?: string) {
  const product = catalogue()[0]!;
  return sim.store.issue(sim.store.merchant(authId), product, SCENE_HOLDER, sim.newOtp(code), id);
}

/** One scene per state of the catalogue, no more, no fewer. */
const scenes: { readonly [S in ProviderStateName]: Scene } = {
  "the partner has products and a funded balance": () => undefined,
  "a card {card_id} awaiting its OTP {otp}": (sim, p, authId) => void issueSceneCard(sim, authId, p.cardId, p.otp),
  "an activated card {card_id}": (sim, p, authId) => sim.store.activate(issueSceneCard(sim, authId, p.cardId)),
  "no card {card_id} exists": () => undefined,
  "the partner balance is empty": (sim, _p, authId) => void (sim.store.merchant(authId).partnerBalance = 0),
  "a card {card_id} of another merchant": (sim, p, authId) => {
    const other = sim.settings.merchantIds.find((id) => id !== authId) ?? OTHER_MERCHANT_ID;
    sim.store.activate(issueSceneCard(sim, other, p.cardId));
  },
  // The bank's failures are faults until reset: every issue answers -5, every confirm -9.
  "the bank fails to issue cards": (sim) =>
    void sim.faults.add({ operation: "issueCard", status: ErrorStatus.CardIssueFailed, probability: 1, times: null }),
  "a card {card_id} awaiting its OTP {otp} that the bank fails to activate": (sim, p, authId) => {
    issueSceneCard(sim, authId, p.cardId, p.otp);
    sim.faults.add({ operation: "activateCard", status: ErrorStatus.ActivationFailed, probability: 1, times: null });
  },
};

/**
 * The values a scene used, by param name (`card_id` a number, `otp` a string, as the spec's
 * requests take them): Pact injects them where a contract wrote `fromProviderState("${card_id}", …)`.
 */
export type InjectedValues = Record<string, number | string>;

export type StateResult =
  | { ok: true; values: InjectedValues }
  | { ok: false; httpStatus: 400; message: string; knownStates?: string[] };

/** The checked values of the params the state takes, by their catalogue names. */
function injectedValues(state: ProviderStateName, values: StateValues): InjectedValues {
  const takes = Object.keys(PROVIDER_STATES[state]);
  return {
    ...(takes.includes("card_id") ? { card_id: values.cardId } : {}),
    ...(takes.includes("otp") ? { otp: values.otp } : {}),
  };
}

/**
 * @example
 * applyProviderState(sim, "a card {card_id} awaiting its OTP {otp}", { card_id: "555", otp: 1234 });
 * // { ok: true, values: { card_id: 555, otp: "1234" } }
 */
export function applyProviderState(sim: Simulator, state: unknown, params: StateParams = {}): StateResult {
  const checked = checkStateParams(state, params);
  if (!checked.ok) {
    return {
      ok: false,
      httpStatus: 400,
      message: checked.message,
      ...(checked.unknownState ? { knownStates: Object.keys(PROVIDER_STATES) } : {}),
    };
  }
  const authId = checked.values.authId ?? sim.defaultAuthId;
  if (!sim.settings.merchantIds.includes(authId)) {
    return {
      ok: false,
      httpStatus: 400,
      message: `params.auth_id ${JSON.stringify(params.auth_id)} is not a configured merchant`,
    };
  }
  sim.reset();
  scenes[checked.state](sim, checked.values, authId);
  return { ok: true, values: injectedValues(checked.state, checked.values) };
}
