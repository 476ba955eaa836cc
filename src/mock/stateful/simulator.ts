/**
 * The simulator's state and the services every operation uses: the store, the simulated
 * clock, the OTP "SMS", and the card lookup that enforces -7 (no such card) and -11 (another
 * merchant's card, where the operation documents -11; the others answer it -7, "card id
 * invalid or not found", as the spec's error lists say).
 */
import { ErrorStatus, StatusCode } from "../../openapi/codes.js";
import { specOperations } from "../../openapi/operations.js";
import { businessError, formatDatetime, type Answer } from "../answers.js";
import { SILENT, type ResolvedMockOptions } from "../options.js";
import { SimulatedClock } from "./clock.js";
import { otpSource, type OtpSource } from "./otp.js";
import { Store, type Card, type Otp } from "./store.js";

/** A message the simulator "sent" (the control API's SMS outbox), newest last. */
export interface Sms {
  at: string;
  phone: number;
  card_id: number;
  text: string;
  /** The confirmation code it carries, if any. */
  otp: string | null;
}

/** The outbox keeps the latest messages only. */
export const OUTBOX_LIMIT = 1000;

export class Simulator {
  /** Every message "sent", oldest first, at most OUTBOX_LIMIT. */
  readonly outbox: Sms[] = [];
  readonly clock = new SimulatedClock();
  readonly store: Store;
  private nextOtp: OtpSource;
  /** The operations whose documented outcomes include AccessDenied. */
  private readonly denyingOperations = new Set([...specOperations().values()].filter((op) => op.outcomes.includes(ErrorStatus.AccessDenied)).map((op) => op.operationId));

  constructor(readonly options: ResolvedMockOptions) {
    this.store = new Store(options.partnerBalance);
    this.nextOtp = otpSource(options.seed);
    this.reset();
  }

  /** Back to the baseline: every configured merchant funded, no cards, the clock at real time. */
  reset(): void {
    this.store.clear();
    this.clock.reset();
    this.outbox.length = 0;
    this.nextOtp = otpSource(this.options.seed);
    for (const { authId } of this.options.merchants) this.store.merchant(authId);
  }

  /** The merchant scenes and unsigned requests apply to by default: the first configured. */
  get defaultAuthId(): string {
    return this.options.merchants[0]!.authId;
  }

  /** A fresh code valid for the OTP lifetime and attempts; `code` forces a known one (provider states). */
  newOtp(code: string = this.nextOtp()): Otp {
    return { code, expiresAt: this.clock.now() + this.options.otpLifetimeSeconds * 1000, attemptsLeft: this.options.otpAttempts };
  }

  /** "Sends" the card's code: into the outbox, and a log line. */
  sendOtp(card: Card): void {
    const otp = card.otp?.code ?? null;
    this.send(card, `card ${card.id} confirmation code ${otp}`, otp);
  }

  /** "Sends" an activated card's details to its holder. */
  sendDetails(card: Card): void {
    this.send(card, `card ${card.id} details: ${card.mask}`, null);
  }

  private send(card: Card, text: string, otp: string | null): void {
    this.outbox.push({ at: formatDatetime(this.clock.now()), phone: card.phone, card_id: card.id, text, otp });
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.shift();
    if (this.options.logger === SILENT) return;
    this.options.logger(`sms to ${String(card.phone).replace(/^(\d{4})\d+(\d{4})$/, "$1***$2")}: ${text}`);
  }

  /** The card if this merchant may touch it in `operationId`, else the -7 or -11 answer. */
  ownCard(authId: string, cardId: number, operationId: string): { ok: true; card: Card } | { ok: false; answer: Answer } {
    const card = this.store.cards.get(cardId);
    if (!card) return { ok: false, answer: this.error(ErrorStatus.CardNotFound, `no card ${cardId}`) };
    if (card.authId !== authId) {
      return this.denyingOperations.has(operationId)
        ? { ok: false, answer: this.error(ErrorStatus.AccessDenied, `card ${cardId} belongs to another merchant`) }
        : { ok: false, answer: this.error(ErrorStatus.CardNotFound, `no card ${cardId} of this merchant`) };
    }
    return { ok: true, card };
  }

  success<T extends object>(fields: T): Answer {
    return { httpStatus: 200, body: { datetime: formatDatetime(this.clock.now()), status: StatusCode.Success, ...fields } };
  }

  error(status: number, detail?: string): Answer {
    return businessError(status, detail, this.clock.now());
  }

  /** The answer fields shared by Confirm and Status. */
  cardDetails(card: Card): Answer {
    return this.success({ card_status: card.status, card_currency: card.currency, card_balance: card.balance, card_mask: card.mask });
  }
}
