/**
 * Resend (`resendCard`, inferred): re-sends an activated card's details to its holder. A card
 * not yet activated has no details to send: -1 with a message saying so (our decision; the
 * spec documents only -7 and -11 for this operation, and neither fits).
 */
import { CardStatus, ErrorStatus } from "../../openapi/codes.js";
import type { Answer } from "../../http/answer.js";
import type { Simulator } from "./simulator.js";

export function resendCard(sim: Simulator, authId: string, body: { card_id: number }): Answer {
  const found = sim.ownCard(authId, body.card_id, "resendCard");
  if (!found.ok) return found.answer;
  const { card } = found;
  if (card.status !== CardStatus.Activated)
    return sim.error(ErrorStatus.GeneralError, `card ${card.id} is not activated yet; confirm it first`);
  sim.sendCardDetails(card);
  return sim.success({});
}
