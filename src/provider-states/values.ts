/**
 * A provider state's params, checked whole: first their names against the catalogue (an unknown
 * state, a missing param, an unknown param: `stateProblem`, the words `check` uses too), then
 * their values against the spec's own request schemas (a card id as `getCardStatus` takes it, an
 * OTP as `activateCard` does). Values may arrive as numbers or strings, as Pact sends them.
 */
import { operationValidators } from "../openapi/validators.js";
import {
  isProviderState,
  PROVIDER_STATES,
  stateProblem,
  unknownStateMessage,
  type ProviderStateName,
} from "./catalogue.js";

/** The values a state's scene reads, checked (0 and "" where the state takes no such param). */
export interface StateValues {
  cardId: number;
  otp: string;
  /** The merchant asked for by `auth_id`, if any. */
  authId?: string;
}

export type CheckedState =
  | { ok: true; state: ProviderStateName; values: StateValues }
  | { ok: false; message: string; unknownState: boolean };

class BadValue extends Error {}

function cardId(raw: unknown): number {
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  const violation = operationValidators("getCardStatus").request({ card_id: value })[0];
  if (violation)
    throw new BadValue(
      `params.card_id ${JSON.stringify(raw)} is not a card id: ${violation.message.replace(/^\/card_id /, "")}`,
    );
  return value as number;
}

function otp(raw: unknown): string {
  const value = typeof raw === "number" ? String(raw) : raw;
  const violation = operationValidators("activateCard").request({ otp: value })[0];
  if (violation)
    throw new BadValue(`params.otp ${JSON.stringify(raw)} is not an OTP: ${violation.message.replace(/^\/otp /, "")}`);
  return value as string;
}

/**
 * @example
 * checkStateParams("an activated card {card_id}", { card_id: "555" }); // { ok: true, state, values: { cardId: 555, otp: "" } }
 * checkStateParams("an activated card {card_id}", { card_idd: 555 }).message;
 * // 'provider state "an activated card {card_id}" needs param "card_id"'
 */
export function checkStateParams(state: unknown, params: Record<string, unknown> = {}): CheckedState {
  if (!isProviderState(state)) return { ok: false, message: unknownStateMessage(state), unknownState: true };
  const problem = stateProblem(state, params);
  if (problem) return { ok: false, message: problem, unknownState: false };
  const takes = Object.keys(PROVIDER_STATES[state]);
  try {
    const values: StateValues = {
      cardId: takes.includes("card_id") ? cardId(params.card_id) : 0,
      otp: takes.includes("otp") ? otp(params.otp) : "",
      ...(params.auth_id !== undefined ? { authId: String(params.auth_id) } : {}),
    };
    return { ok: true, state, values };
  } catch (error) {
    if (!(error instanceof BadValue)) throw error;
    return { ok: false, message: `provider state ${JSON.stringify(state)}: ${error.message}`, unknownState: false };
  }
}
