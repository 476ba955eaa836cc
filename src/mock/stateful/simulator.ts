/**
 * The simulator's state and the services every operation uses: the store, the simulated
 * clock, the OTP "SMS", and the card lookup that enforces -7 (no such card) and -11 (another
 * merchant's card, where the operation documents -11; the others answer it -7, "card id
 * invalid or not found", as the spec's error lists say).
 */
import { ErrorStatus, StatusCode } from "../../openapi/codes.js";
import { specOperations } from "../../openapi/operations.js";
import { businessError, formatDatetime, type Answer } from "../../http/answer.js";
import type { ResolvedMockOptions } from "../options.js";
import { SimulatedClock } from "./clock.js";
import { otpSource, type OtpSource } from "./otp.js";
import { Store, type Card, type Otp } from "./store.js";

/**
 * What the simulator reads of the mock's options: merchant ids, never secrets (those stay with
 * the authenticator), and where its SMS go.
 */
export interface SimulatorSettings extends Pick<ResolvedMockOptions, "partnerBalance" | "seed" | "otpLifetimeSeconds" | "otpAttempts"> {
  /** The configured merchants, the first being the default one. */
  merchantIds: readonly string[];
  /** Where each simulated SMS is written, as one line; undefined: nowhere. */
  sms?: (line: string) => void;
}

/** A message the simulator "sent" (the control API's SMS outbox). */
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
  readonly clock = new SimulatedClock();
  /** Every message "sent", oldest first, at most OUTBOX_LIMIT. */
  readonly outbox: Sms[] = [];
  readonly store: Store;
  private nextOtp: OtpSource;
  /** The operations whose documented outcomes include AccessDenied. */
  private readonly denyingOperations = new Set([...specOperations().values()].filter((op) => op.outcomes.includes(ErrorStatus.AccessDenied)).map((op) => op.operationId));

  constructor(readonly settings: SimulatorSettings) {
    this.store = new Store(settings.partnerBalance);
    this.nextOtp = otpSource(settings.seed);
    this.reset();
  }

  /** Back to the baseline: every configured merchant funded, no cards, the clock at real time. */
  reset(): void {
    this.store.clear();
    this.clock.reset();
    this.outbox.length = 0;
    this.nextOtp = otpSource(this.settings.seed);
    for (const authId of this.settings.merchantIds) this.store.merchant(authId);
  }

  /** The merchant scenes and unsigned requests apply to by default: the first configured. */
  get defaultAuthId(): string {
    return this.settings.merchantIds[0]!;
  }

  /** A fresh code valid for the OTP lifetime and attempts; `code` forces a known one (provider states). */
  newOtp(code: string = this.nextOtp()): Otp {
    return { code, expiresAt: this.clock.now() + this.settings.otpLifetimeSeconds * 1000, attemptsLeft: this.settings.otpAttempts };
  }

  /** "Sends" the card's code (a test reads it at `GET /__control/cards/{id}/otp` or in the outbox). */
  sendOtp(card: Card): void {
    const otp = card.otp?.code ?? null;
    const text = `card ${card.id} confirmation code ${otp}`;
    this.sms(card, text, otp, () => `sms to ${String(card.phone).replace(/^(\d{4})\d+(\d{4})$/, "$1***$2")}: ${text}`);
  }

  /** "Sends" an activated card's details to its holder. */
  sendCardDetails(card: Card): void {
    const line = () => `sms to the holder of card ${card.id}: card details ${card.mask}`;
    this.sms(card, `card ${card.id} details: ${card.mask}`, null, line);
  }

  /** The one way a simulated SMS leaves: into the outbox, and a line (formatted only when it goes somewhere). */
  private sms(card: Card, text: string, otp: string | null, line: () => string): void {
    this.outbox.push({ at: formatDatetime(this.clock.now()), phone: card.phone, card_id: card.id, text, otp });
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.shift();
    this.settings.sms?.(line());
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
