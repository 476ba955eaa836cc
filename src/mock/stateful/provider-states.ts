/**
 * The scenes of the provider-state catalogue (src/contracts/provider-states.ts), for contract
 * verification (`POST /__control/state`). Each starts from the baseline — a reset — then sets
 * up its scene for the default merchant (the first configured) or `params.auth_id`. The
 * catalogue owns the names and their params; the compiler holds the simulator to exactly those,
 * and a name is looked up as a name (`toString` or `__proto__` is just an unknown state). Params
 * may arrive as numbers or strings; they are checked with the spec's own request schemas (a
 * card id as `getCardStatus` takes it, an OTP as `activateCard` does), all before anything is
 * reset: a refused state leaves the simulator as it was.
 */
import { isProviderState, PROVIDER_STATES as STATE_CATALOGUE, unknownStateMessage, type ProviderStateName } from "../../contracts/provider-states.js";
import { ErrorStatus } from "../../openapi/codes.js";
import { operationValidators } from "../../openapi/validators.js";
import { catalogue } from "./products.js";
import type { Simulator } from "./simulator.js";

export type StateParams = Record<string, unknown>;

/** Thrown for params a scene cannot use; the control API answers it with 400. */
export class BadStateParams extends Error {}

/** The params a scene reads, checked. */
interface SceneParams {
  cardId: number;
  otp: string;
}

/** Sets up one scene, its params already checked. */
type Scene = (sim: Simulator, params: SceneParams, authId: string) => void;

/** The holder of every card a scene creates. */
const SCENE_HOLDER = { cardholderName: "IVANOV IVAN IVANOVICH", phone: 79651234567 };
/** The merchant that owns "another merchant's" card when only one is configured; it cannot sign. */
export const OTHER_MERCHANT_ID = "other-merchant";

function cardId(raw: unknown): number {
  if (raw === undefined) throw new BadStateParams("params.card_id is missing");
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  const violation = operationValidators("getCardStatus").request({ card_id: value })[0];
  if (violation) throw new BadStateParams(`params.card_id ${JSON.stringify(raw)} is not a card id: ${violation.message.replace(/^\/card_id /, "")}`);
  return value as number;
}

function otp(raw: unknown): string {
  if (raw === undefined) throw new BadStateParams("params.otp is missing");
  const value = typeof raw === "number" ? String(raw) : raw;
  const violation = operationValidators("activateCard").request({ otp: value })[0];
  if (violation) throw new BadStateParams(`params.otp ${JSON.stringify(raw)} is not an OTP: ${violation.message.replace(/^\/otp /, "")}`);
  return value as string;
}

function readParams(state: ProviderStateName, params: StateParams): SceneParams {
  const takes = Object.keys(STATE_CATALOGUE[state]);
  return {
    cardId: takes.includes("card_id") ? cardId(params.card_id) : 0,
    otp: takes.includes("otp") ? otp(params.otp) : "",
  };
}

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
    const other = sim.options.merchants.find((m) => m.authId !== authId)?.authId ?? OTHER_MERCHANT_ID;
    sim.store.activate(issueSceneCard(sim, other, p.cardId));
  },
  // The bank's failures are faults until reset: every issue answers -5, every confirm -9.
  "the bank fails to issue cards": (sim) => void sim.faults.add({ operation: "issueCard", status: ErrorStatus.CardIssueFailed, probability: 1, times: null }),
  "a card {card_id} awaiting its OTP {otp} that the bank fails to activate": (sim, p, authId) => {
    issueSceneCard(sim, authId, p.cardId, p.otp);
    sim.faults.add({ operation: "activateCard", status: ErrorStatus.ActivationFailed, probability: 1, times: null });
  },
};

export type StateResult = { ok: true } | { ok: false; httpStatus: 400; message: string; knownStates?: string[] };

/**
 * @example
 * applyProviderState(sim, "a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" });
 */
export function applyProviderState(sim: Simulator, state: unknown, params: StateParams = {}): StateResult {
  if (!isProviderState(state)) {
    return { ok: false, httpStatus: 400, message: unknownStateMessage(state), knownStates: Object.keys(STATE_CATALOGUE) };
  }
  const authId = params.auth_id === undefined ? sim.defaultAuthId : String(params.auth_id);
  if (!sim.options.merchants.some((m) => m.authId === authId)) {
    return { ok: false, httpStatus: 400, message: `params.auth_id ${JSON.stringify(params.auth_id)} is not a configured merchant` };
  }
  let checked: SceneParams;
  try {
    checked = readParams(state, params);
  } catch (error) {
    if (!(error instanceof BadStateParams)) throw error;
    return { ok: false, httpStatus: 400, message: `provider state ${JSON.stringify(state)}: ${error.message}` };
  }
  sim.reset();
  scenes[state](sim, checked, authId);
  return { ok: true };
}
