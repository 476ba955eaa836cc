/**
 * A typed client of the stateful simulator's control API (`/__control`), for a consumer's
 * tests: read the OTP "sent by SMS", move the simulated clock, set a provider state, reset.
 * Each call is bounded by a deadline (through src/upstream's sender, which never hangs) and
 * throws a ProviderFault when the simulator cannot be reached, or an Error carrying its own message
 * when it refuses (an unknown card, an unknown state): in a test, a refusal is a failure.
 */
import type { ProviderStateName, StateArgs } from "../provider-states/catalogue.js";
import { MAX_ANSWER_BYTES, sendToProvider } from "../upstream/send.js";
import type { Sms } from "./stateful/sms-outbox.js";

export interface ControlClient {
  /** The code the simulator "sent by SMS" for a card awaiting confirmation. */
  otp(cardId: number): Promise<string>;
  /** Moves the simulated clock forward (e.g. past an OTP's lifetime); resolves to the new time. */
  advanceClock(seconds: number): Promise<string>;
  /** Resets the simulator, then sets up a provider state of the catalogue. */
  setState<S extends ProviderStateName>(state: S, ...params: StateArgs<S>): Promise<void>;
  /** Back to the baseline: every merchant funded, no cards, the clock at real time. */
  reset(): Promise<void>;
  /** A merchant's partner balance and card count. */
  merchant(authId: string): Promise<{ auth_id: string; partner_balance: number; cards: number }>;
  /** The messages the simulator "sent", newest first; to one phone if given. */
  sms(phone?: number | string, options?: { limit?: number }): Promise<Sms[]>;
  /** The newest message (to one phone if given); rejects when there is none. */
  latestSms(phone?: number | string): Promise<Sms>;
}

/**
 * One control call over some transport (HTTP here, the in-process handler for MSW): resolves
 * with the answer's JSON, rejects with the simulator's own message when it refuses.
 */
export type ControlCall = <T>(method: "GET" | "POST", path: string, body?: unknown, query?: string) => Promise<T>;

/** `?phone=…&limit=…`, only what is given. */
function smsQuery(phone?: number | string, limit?: number): string {
  const query = new URLSearchParams();
  if (phone !== undefined) query.set("phone", String(phone));
  if (limit !== undefined) query.set("limit", String(limit));
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** The control API's calls, one place for their paths and bodies, over any transport. */
export function controlFunctions(call: ControlCall): ControlClient {
  return {
    otp: async (cardId) => (await call<{ otp: string }>("GET", `/cards/${encodeURIComponent(cardId)}/otp`)).otp,
    advanceClock: async (seconds) => (await call<{ now: string }>("POST", "/clock", { advance_seconds: seconds })).now,
    setState: async <S extends ProviderStateName>(state: S, ...[params]: StateArgs<S>) =>
      void (await call("POST", "/state", { state, params: params ?? {} })),
    reset: async () => void (await call("POST", "/reset")),
    merchant: (authId) => call("GET", `/merchants/${encodeURIComponent(authId)}`),
    sms: async (phone, options = {}) =>
      (await call<{ messages: Sms[] }>("GET", "/sms", undefined, smsQuery(phone, options.limit))).messages,
    latestSms: (phone) => call("GET", "/sms/latest", undefined, smsQuery(phone)),
  };
}

export interface ControlClientOptions {
  /** Per call; default 10 000 ms. */
  timeoutMs?: number;
}

/**
 * @example
 * const control = controlClient(mock.url);
 * await control.setState("a card {card_id} awaiting its OTP {otp}", { card_id: 555, otp: "1234" });
 * const otp = await control.otp(555); // "1234"
 */
function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // the message is then the text itself
  }
}

export function controlClient(baseUrl: string, { timeoutMs = 10_000 }: ControlClientOptions = {}): ControlClient {
  const root = `${baseUrl.replace(/\/+$/, "")}/__control`;

  const call: ControlCall = async <T>(method: "GET" | "POST", path: string, body?: unknown, query = ""): Promise<T> => {
    const request = {
      method,
      url: `${root}${path}${query}`,
      headers: body !== undefined ? { "content-type": "application/json" } : {},
      body: Buffer.from(body !== undefined ? JSON.stringify(body) : ""),
    };
    // The provider client: every call settles within the deadline, whatever the server does.
    const answer = await sendToProvider(
      request,
      { timeoutMs, maxAnswerBytes: MAX_ANSWER_BYTES },
      "the simulator's control API",
    );
    const text = answer.body.toString("utf8");
    const json = parseOrUndefined(text);
    if (answer.status < 200 || answer.status > 299) {
      const message = (json as { message?: unknown } | undefined)?.message;
      throw new Error(
        `${method} ${root}${path}${query}: HTTP ${answer.status}: ${typeof message === "string" ? message : text.slice(0, 200)}`,
      );
    }
    return json as T;
  };

  return controlFunctions(call);
}
