/**
 * Issue (`issueCard`): charge the partner the product's face value, create an inactive card,
 * and "send" its OTP. freedompay.money/docs-en/cards-api/gift
 *
 * A client-supplied `card_id` (bulk issue with ids handed out in advance) that is already taken
 * — by this merchant or another — is refused with -5, CardIssueFailed (our decision: the docs
 * do not say). Checks run product (-4), id (-5), funds (-6), so nothing is charged on a refusal.
 */
import { ErrorStatus } from "../../openapi/codes.js";
import type { Answer } from "../../http/answer.js";
import { productByCode } from "./products.js";
import type { Simulator } from "./simulator.js";

export interface IssueCardBody {
  cardholder_name: string;
  phone: number;
  product_code: number;
  card_id?: number;
}

export function issueCard(sim: Simulator, authId: string, body: IssueCardBody): Answer {
  const product = productByCode(body.product_code);
  if (!product) return sim.error(ErrorStatus.ProductNotFound, `no product ${body.product_code}`);
  if (body.card_id !== undefined && sim.store.cards.has(body.card_id)) {
    return sim.error(ErrorStatus.CardIssueFailed, `card_id ${body.card_id} is already taken`);
  }
  const merchant = sim.store.merchant(authId);
  if (merchant.partnerBalance < product.balance) {
    return sim.error(
      ErrorStatus.InsufficientPartnerFunds,
      `the partner balance ${merchant.partnerBalance} is below the face value ${product.balance}`,
    );
  }
  const card = sim.store.issue(
    merchant,
    product,
    { phone: body.phone, cardholderName: body.cardholder_name },
    sim.newOtp(),
    body.card_id,
  );
  sim.sendOtp(card);
  return sim.success({ card_id: card.id });
}
