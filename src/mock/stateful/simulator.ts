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
import { Faults } from "./faults.js";
import { SmsOutbox, type Sms } from "./sms-outbox.js";
import { Store, type Card, type Otp } from "./store.js";

/**
 * What the simulator reads of the mock's options: merchant ids, never secrets (those stay with
 * the authenticator), and where its SMS go.
 */
export interface SimulatorSettings
  extends Pick<ResolvedMockOptions, "partnerBalance" | "seed" | "otpLifetimeSeconds" | "otpAttempts"> {
  /** The configured merchants, the first being the default one. */
  merchantIds: readonly string[];
  /** Where each simulated SMS is written, as one line; undefined: nowhere. */
  sms?: (line: string) => void;
  /** As the real sandbox: the SMS line does not show the code (no OTP back channel). */
  sandboxLike?: boolean;
}

export class Simulator {
  readonly clock = new SimulatedClock();
  readonly store: Store;
  /** Every message "sent", newest first, bounded (`GET /__control/sms`). */
  readonly outbox = new SmsOutbox();
  /** Business statuses injected in place of the next matching requests (`/__control/faults`). */
  readonly faults = new Faults();
  private nextOtp: OtpSource;
  /** The operations whose documented outcomes include AccessDenied. */
  private readonly denyingOperations = new Set(
    [...specOperations().values()]
      .filter((op) => op.outcomes.includes(ErrorStatus.AccessDenied))
      .map((op) => op.operationId),
  );

  constructor(readonly settings: SimulatorSettings) {
    this.store = new Store(settings.partnerBalance);
    this.nextOtp = otpSource(settings.seed);
    this.reset();
  }

  /** Back to the baseline: every configured merchant funded, no cards, the clock at real time. */
  reset(): void {
    this.store.clear();
    this.clock.reset();
    this.nextOtp = otpSource(this.settings.seed);
    this.outbox.clear();
    this.faults.clear();
    for (const authId of this.settings.merchantIds) this.store.merchant(authId);
  }

  /** The merchant scenes and unsigned requests apply to by default: the first configured. */
  get defaultAuthId(): string {
    return this.settings.merchantIds[0]!;
  }

  /** A fresh code valid for the OTP lifetime and attempts; `code` forces a known one (provider states). */
  newOtp(code: string = this.nextOtp()): Otp {
    return {
      code,
      expiresAt: this.clock.now() + this.settings.otpLifetimeSeconds * 1000,
      attemptsLeft: this.settings.otpAttempts,
    };
  }

  /**
   * "Sends" the card's code: kept in the outbox (and at `GET /__control/cards/{id}/otp`), and a line.
   * Sandbox-like, the line does not show it and nothing serves the outbox, as a real SMS to the holder's phone.
   */
  sendOtp(card: Card): void {
    const code = card.otp?.code ?? null;
    const shown = this.settings.sandboxLike ? "(not shown: --sandbox-like, as the real sandbox's SMS)" : code;
    this.sendSms(
      card,
      `Your gift card confirmation code: ${code}`,
      code,
      () => `card ${card.id} confirmation code ${shown}`,
    );
  }

  /** "Sends" an activated card's details to its holder. */
  sendCardDetails(card: Card): void {
    this.sendSms(
      card,
      `Your gift card ${card.mask}: balance ${card.balance} ${card.currency}`,
      null,
      () => `card details ${card.mask}`,
    );
  }

  /** The one way a simulated SMS leaves the simulator: into the outbox, and as a line (formatted only when it goes somewhere). */
  private sendSms(card: Card, text: string, otp: string | null, line: () => string): void {
    this.outbox.add({
      at: new Date(this.clock.now()).toISOString(),
      phone: String(card.phone),
      card_id: card.id,
      text,
      otp,
    });
    if (this.settings.sms)
      this.settings.sms(`sms to ${String(card.phone).replace(/^(\d{4})\d+(\d{4})$/, "$1***$2")}: ${line()}`);
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
  ownCard(
    authId: string,
    cardId: number,
    operationId: string,
  ): { ok: true; card: Card } | { ok: false; answer: Answer } {
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
    return {
      httpStatus: 200,
      body: { datetime: formatDatetime(this.clock.now()), status: StatusCode.Success, ...fields },
    };
  }

  error(status: number, detail?: string): Answer {
    return businessError(status, detail, this.clock.now());
  }

  /** The answer fields shared by Confirm and Status. */
  cardDetails(card: Card): Answer {
    return this.success({
      card_status: card.status,
      card_currency: card.currency,
      card_balance: card.balance,
      card_mask: card.mask,
    });
  }
}
