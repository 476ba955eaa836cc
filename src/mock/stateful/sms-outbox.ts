/**
 * The SMS outbox: every message the simulator "sends" (an issued card's code, a resent code, a
 * resent card's details), kept newest first and bounded, for a developer who needs the OTP
 * without digging in logs — `GET /__control/sms/latest?phone=…`, as Mailpit's
 * `/api/v1/message/latest` is for mail. The console line stays; this is the same message kept.
 */
import { Ring } from "../../http/ring.js";

/** One message as `GET /__control/sms` shows it. */
export interface Sms {
  /** ISO 8601 on the simulated clock. */
  at: string;
  /** The holder's phone, digits as the issue request sent them. */
  phone: string;
  card_id: number;
  text: string;
  /** The code the message carries; null for a message without one (a resent card's details). */
  otp: string | null;
}

/** Messages kept by default; older ones drop off. */
export const SMS_OUTBOX_LIMIT = 1000;

export class SmsOutbox {
  private readonly ring: Ring<Sms>;
  /** Told of each message as it is kept (the dashboard's live updates). */
  onAdd: ((sms: Sms) => void) | undefined;

  constructor(capacity = SMS_OUTBOX_LIMIT) {
    this.ring = new Ring(capacity);
  }

  add(sms: Sms): void {
    this.ring.push(sms);
    this.onAdd?.(sms);
  }

  /** Newest first; only those to `phone` when given (digits compared, a leading `+` ignored). */
  list(phone?: string, limit?: number): Sms[] {
    const wanted = phone === undefined ? undefined : phone.replace(/^\+/, "");
    return this.ring.newest(limit, wanted === undefined ? undefined : (sms) => sms.phone === wanted);
  }

  latest(phone?: string): Sms | undefined {
    return this.list(phone, 1)[0];
  }

  clear(): void {
    this.ring.clear();
  }
}
