/**
 * The simulator's state: merchants with their prefunded balance, and cards. Every change is
 * synchronous, and node runs one handler at a time, so concurrent requests can never lose or
 * double a card or a unit of balance — no handler may await between reading and writing.
 */
import { CardStatus } from "../../openapi/codes.js";
import { cardMask } from "./card-mask.js";
import type { Product } from "./products.js";

export interface Otp {
  code: string;
  /** Simulated epoch milliseconds after which the code no longer works. */
  expiresAt: number;
  /** Wrong codes this one still survives; at 0 it is dead until a resend. */
  attemptsLeft: number;
}

export interface Card {
  id: number;
  authId: string;
  productCode: number;
  currency: string;
  faceValue: number;
  status: number;
  balance: number;
  mask: string;
  phone: number;
  cardholderName: string;
  /** Present while the card awaits confirmation. */
  otp?: Otp;
}

export interface Merchant {
  authId: string;
  partnerBalance: number;
  cardCount: number;
  /** Ids in issue order; activated ones are skipped (and dropped) lazily. */
  awaiting: number[];
}

/** Automatic card ids start here, well clear of the docs' example 555. */
const FIRST_CARD_ID = 100_001;

export class Store {
  readonly merchants = new Map<string, Merchant>();
  readonly cards = new Map<number, Card>();
  private nextId = FIRST_CARD_ID;

  constructor(private readonly initialBalance: number) {}

  merchant(authId: string): Merchant {
    let merchant = this.merchants.get(authId);
    if (!merchant) {
      merchant = { authId, partnerBalance: this.initialBalance, cardCount: 0, awaiting: [] };
      this.merchants.set(authId, merchant);
    }
    return merchant;
  }

  clear(): void {
    this.merchants.clear();
    this.cards.clear();
    this.nextId = FIRST_CARD_ID;
  }

  private freshId(): number {
    while (this.cards.has(this.nextId)) this.nextId++;
    return this.nextId++;
  }

  /** Charges the partner and creates an issued card; the caller has checked funds and id. */
  issue(
    merchant: Merchant,
    product: Product,
    holder: { phone: number; cardholderName: string },
    otp: Otp,
    id = this.freshId(),
  ): Card {
    const card: Card = {
      id,
      authId: merchant.authId,
      productCode: product.code,
      currency: product.currency,
      faceValue: product.balance,
      status: CardStatus.Issued,
      balance: 0,
      mask: cardMask(id),
      ...holder,
      otp,
    };
    merchant.partnerBalance -= product.balance;
    merchant.cardCount++;
    merchant.awaiting.push(id);
    this.cards.set(id, card);
    return card;
  }

  activate(card: Card): void {
    card.status = CardStatus.Activated;
    card.balance = card.faceValue;
    delete card.otp;
  }

  /** The merchant's most recently issued card still awaiting confirmation. */
  latestAwaiting(merchant: Merchant): Card | undefined {
    while (merchant.awaiting.length > 0) {
      const card = this.cards.get(merchant.awaiting[merchant.awaiting.length - 1]!);
      if (card && card.status === CardStatus.Issued) return card;
      merchant.awaiting.pop();
    }
    return undefined;
  }
}
