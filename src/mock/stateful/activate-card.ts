/**
 * Confirm (`activateCard`): the right, unexpired OTP activates the card with its product's
 * face value and currency. docs.freedompay.kz/api-12075782
 *
 * A wrong or expired code is -8 (an expired code is answered like a wrong one); an active
 * card -10. A code survives `otpAttempts` wrong guesses (3 by default, our decision: the real
 * limit is undocumented); after that it is dead — even the right code answers -8 — until a
 * resend code sends a new one, so a four-digit code cannot be brute-forced. Without `card_id`, the merchant's most recently issued card still awaiting
 * confirmation is meant (our decision; the docs leave it open), -7 when there is none.
 * Activation answers `card_status` 2 (Activated), not the docs' example's 1.
 */
import { CardStatus, ErrorStatus } from "../../openapi/codes.js";
import type { Answer } from "../../http/answer.js";
import type { Card } from "./store.js";
import type { Simulator } from "./simulator.js";

export interface ActivateCardBody {
  otp: string;
  card_id?: number;
}

function findCard(
  sim: Simulator,
  authId: string,
  cardId: number | undefined,
): { ok: true; card: Card } | { ok: false; answer: Answer } {
  if (cardId !== undefined) return sim.ownCard(authId, cardId, "activateCard");
  const card = sim.store.latestAwaiting(sim.store.merchant(authId));
  return card
    ? { ok: true, card }
    : { ok: false, answer: sim.error(ErrorStatus.CardNotFound, "no card of this merchant awaits confirmation") };
}

export function activateCard(sim: Simulator, authId: string, body: ActivateCardBody): Answer {
  const found = findCard(sim, authId, body.card_id);
  if (!found.ok) return found.answer;
  const { card } = found;
  if (card.status === CardStatus.Activated) return sim.error(ErrorStatus.CardAlreadyActivated);
  const otp = card.otp;
  if (!otp) return sim.error(ErrorStatus.IncorrectOtp);
  if (otp.attemptsLeft === 0)
    return sim.error(ErrorStatus.IncorrectOtp, "too many wrong codes; ask for a new one (resend_code)");
  if (otp.code !== body.otp || sim.clock.now() > otp.expiresAt) {
    otp.attemptsLeft--;
    return sim.error(ErrorStatus.IncorrectOtp);
  }
  sim.store.activate(card);
  return sim.cardDetails(card);
}
