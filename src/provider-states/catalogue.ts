/**
 * The provider states: the one catalogue of the scenes a contract may ask for and the
 * stateful simulator sets up (`POST /__control/state`), each with its params and the spec
 * schema each param follows. The Pact builders type `given(…)` from it, `check` refuses a
 * state or param it lacks, and the simulator implements exactly these: a state is added here
 * or nowhere. Every state may also take `auth_id`, the merchant it is set up for (default:
 * the simulator's first merchant).
 */
import type { components } from "../../generated/gift-cards.js";

type Schemas = components["schemas"];

export const PROVIDER_STATES = {
  "the partner has products and a funded balance": {},
  "a card {card_id} awaiting its OTP {otp}": { card_id: "CardId", otp: "Otp" },
  "an activated card {card_id}": { card_id: "CardId" },
  "no card {card_id} exists": { card_id: "CardId" },
  "the partner balance is empty": {},
  "a card {card_id} of another merchant": { card_id: "CardId" },
  "the bank fails to issue cards": {},
  "a card {card_id} awaiting its OTP {otp} that the bank fails to activate": { card_id: "CardId", otp: "Otp" },
} as const satisfies Record<string, Record<string, keyof Schemas>>;

export type ProviderStateName = keyof typeof PROVIDER_STATES;

/** The param every state takes besides its own: the merchant it is set up for. */
export const MERCHANT_PARAM = "auth_id";

/** A state's params, typed by the spec's schemas, e.g. `{ card_id: number; otp: string }`. */
export type ProviderStateParams<S extends ProviderStateName> = {
  -readonly [P in keyof (typeof PROVIDER_STATES)[S]]: (typeof PROVIDER_STATES)[S][P] extends keyof Schemas
    ? Schemas[(typeof PROVIDER_STATES)[S][P]]
    : never;
} & { [MERCHANT_PARAM]?: string };

/** A state's params as a rest argument: required exactly when the state has params of its own. */
export type StateArgs<S extends ProviderStateName> =
  Record<string, never> extends Omit<ProviderStateParams<S>, typeof MERCHANT_PARAM>
    ? [params?: ProviderStateParams<S>]
    : [params: ProviderStateParams<S>];

/** True for a name of the catalogue (own names only: `"toString"` is not a state). */
export function isProviderState(name: unknown): name is ProviderStateName {
  return typeof name === "string" && Object.hasOwn(PROVIDER_STATES, name);
}

/** The params a state takes, `auth_id` included. */
export function stateParamNames(state: ProviderStateName): string[] {
  return [...Object.keys(PROVIDER_STATES[state]), MERCHANT_PARAM];
}

/** The catalogue as the simulator serves it at `GET /__control/states`. */
export function stateList(): { state: ProviderStateName; params: string[] }[] {
  return (Object.keys(PROVIDER_STATES) as ProviderStateName[]).map((state) => ({
    state,
    params: Object.keys(PROVIDER_STATES[state]),
  }));
}

/** The words for a state the catalogue lacks, naming those it has. */
export function unknownStateMessage(state: unknown): string {
  return `unknown provider state ${JSON.stringify(state ?? null)}; known states: ${Object.keys(PROVIDER_STATES)
    .map((s) => JSON.stringify(s))
    .join(", ")}`;
}

/**
 * What is wrong with a state and its params, or undefined when the catalogue has them: an
 * unknown state, a missing param, an unknown param.
 * @example
 * stateProblem("an activated card {card_id}", { card_idd: 555 });
 * // 'provider state "an activated card {card_id}" takes no param "card_idd" (it takes card_id, auth_id)'
 */
export function stateProblem(state: string, params: Record<string, unknown> = {}): string | undefined {
  if (!isProviderState(state)) return unknownStateMessage(state);
  const takes = stateParamNames(state);
  const missing = Object.keys(PROVIDER_STATES[state]).find((name) => !Object.hasOwn(params, name));
  if (missing) return `provider state ${JSON.stringify(state)} needs param "${missing}"`;
  const unknown = Object.keys(params).find((name) => !takes.includes(name));
  if (unknown)
    return `provider state ${JSON.stringify(state)} takes no param "${unknown}" (it takes ${takes.join(", ")})`;
  return undefined;
}
