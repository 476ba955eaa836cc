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
import { Faults } from "./faults.js";
import { SmsOutbox, type Sms } from "./sms-outbox.js";
import { Store, type Card, type Otp } from "./store.js";

export class Simulator {
  readonly clock = new SimulatedClock();
  readonly store: Store;
  /** Every message "sent", newest first, bounded (`GET /__control/sms`). */
  readonly outbox = new SmsOutbox();
  /** Business statuses injected in place of the next matching requests (`/__control/faults`). */
  readonly faults = new Faults();
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
    this.nextOtp = otpSource(this.options.seed);
    this.outbox.clear();
    this.faults.clear();
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

  /** "Sends" the card's code: kept in the outbox, and a console line (phone masked). */
  sendOtp(card: Card): void {
    this.sendSms(card, `Your gift card confirmation code: ${card.otp?.code}`, card.otp?.code ?? null, `card ${card.id} confirmation code ${card.otp?.code}`);
  }

  /** "Sends" an activated card's details to its holder (resend card). */
  sendCardDetails(card: Card): void {
    this.sendSms(card, `Your gift card ${card.mask}: balance ${card.balance} ${card.currency}`, null, `card details ${card.mask}`);
  }

  private sendSms(card: Card, text: string, otp: string | null, line: string): void {
    this.outbox.add({ at: new Date(this.clock.now()).toISOString(), phone: String(card.phone), card_id: card.id, text, otp });
    if (this.options.logger === SILENT) return;
    this.options.logger(`sms to ${String(card.phone).replace(/^(\d{4})\d+(\d{4})$/, "$1***$2")}: ${line}`);
  }

  /**
   * The messages sent, newest first; to one phone when given.
   * @example
   * sim.sms("79651234567", 5); // [{ at, phone: "79651234567", card_id: 100001, text: "…", otp: "4821" }]
   */
  sms(phone?: string, limit?: number): Sms[] {
    return this.outbox.list(phone, limit);
  }

  /** The newest message, to one phone when given; undefined when none was sent. */
  latestSms(phone?: string): Sms | undefined {
    return this.outbox.latest(phone);
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
