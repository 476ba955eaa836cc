/** Status (`getCardStatus`, inferred): the card's status, balance, currency and mask. */
import type { Answer } from "../../http/answer.js";
import type { Simulator } from "./simulator.js";

export function cardStatus(sim: Simulator, authId: string, body: { card_id: number }): Answer {
  const found = sim.ownCard(authId, body.card_id, "getCardStatus");
  return found.ok ? sim.cardDetails(found.card) : found.answer;
}
