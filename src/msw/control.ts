/**
 * `control`: the simulator's control API (docs/mock.md) as functions, answered in process by
 * the same control handler the mock server serves under `/__control` — one implementation, the
 * same refusals. A refusal (an unknown card, an unknown state) rejects with its message: in a
 * test it is a failure.
 */
import type { ProviderStateName, StateArgs } from "../provider-states/catalogue.js";
import type { ControlClient } from "../mock/control-client.js";
import type { MockHandler } from "../mock/handler.js";
import type { Sms } from "../mock/stateful/sms-outbox.js";

/** A message the simulator "sent", as `GET /__control/sms` shows it (the simulator's own type). */
export type SimulatedSms = Sms;

export interface GiftCardsControl extends ControlClient {
  /** The messages sent, newest first; to one phone if given. */
  sms(phone?: number | string, options?: { limit?: number }): Promise<SimulatedSms[]>;
  /** The newest message (to one phone if given); rejects when there is none. */
  latestSms(phone?: number | string): Promise<SimulatedSms>;
}

export function createControl(ready: Promise<MockHandler>): GiftCardsControl {
  async function call<T>(method: "GET" | "POST", path: string, body?: unknown, query = ""): Promise<T> {
    const mock = await ready;
    if (mock.options.mode !== "stateful") {
      throw new Error(
        `control: ${method} /__control${path} needs the simulator; giftCardsHandlers({ mode: "prism" }) has no state`,
      );
    }
    const headers = body === undefined ? {} : { "content-type": "application/json" };
    const request = {
      method,
      path: `/__control${path}`,
      query,
      headers,
      body: Buffer.from(body === undefined ? "" : JSON.stringify(body)),
    };
    const answer = await mock.handle(request);
    const json = answer.body as { message?: unknown };
    if (answer.httpStatus < 200 || answer.httpStatus > 299) {
      throw new Error(
        `control: ${method} /__control${path}${query}: ` +
          (typeof json?.message === "string" ? json.message : `HTTP ${answer.httpStatus}`),
      );
    }
    return json as T;
  }
  const phoneQuery = (phone?: number | string, limit?: number) => {
    const query = new URLSearchParams();
    if (phone !== undefined) query.set("phone", String(phone));
    if (limit !== undefined) query.set("limit", String(limit));
    const text = query.toString();
    return text ? `?${text}` : "";
  };

  return {
    otp: async (cardId) => (await call<{ otp: string }>("GET", `/cards/${encodeURIComponent(cardId)}/otp`)).otp,
    advanceClock: async (seconds) => (await call<{ now: string }>("POST", "/clock", { advance_seconds: seconds })).now,
    setState: async <S extends ProviderStateName>(state: S, ...[params]: StateArgs<S>) =>
      void (await call("POST", "/state", { state, params: params ?? {} })),
    reset: async () => void (await call("POST", "/reset")),
    merchant: (authId) => call("GET", `/merchants/${encodeURIComponent(authId)}`),
    sms: async (phone, options = {}) =>
      (await call<{ messages: SimulatedSms[] }>("GET", "/sms", undefined, phoneQuery(phone, options.limit))).messages,
    latestSms: (phone) => call("GET", "/sms/latest", undefined, phoneQuery(phone)),
  };
}
