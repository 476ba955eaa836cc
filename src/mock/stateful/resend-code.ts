/**
 * Resend code (`resendCode`, inferred): a new OTP for a card awaiting confirmation; the old
 * code stops working and the lifetime starts again. -10 once the card is active.
 */
import { CardStatus, ErrorStatus } from "../../openapi/codes.js";
import type { Answer } from "../../http/answer.js";
import type { Simulator } from "./simulator.js";

export function resendCode(sim: Simulator, authId: string, body: { card_id: number }): Answer {
  const found = sim.ownCard(authId, body.card_id, "resendCode");
  if (!found.ok) return found.answer;
  const { card } = found;
  if (card.status === CardStatus.Activated) return sim.error(ErrorStatus.CardAlreadyActivated);
  card.otp = sim.newOtp();
  sim.sendOtp(card);
  return sim.success({});
}
