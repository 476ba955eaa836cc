/**
 * `control`: the simulator's control API (docs/mock.md) as functions, answered in process by
 * the same control handler the mock server serves under `/__control` — one implementation, the
 * same refusals. A refusal (an unknown card, an unknown state) rejects with its message: in a
 * test it is a failure.
 */
import { controlFunctions, type ControlCall, type ControlClient } from "../mock/control-client.js";
import type { MockHandler } from "../mock/handler.js";
import type { Sms } from "../mock/stateful/sms-outbox.js";

/** A message the simulator "sent", as `GET /__control/sms` shows it (the simulator's own type). */
export type SimulatedSms = Sms;

/** The control API as functions: the same ones `controlClient(url)` gives over HTTP. */
export type GiftCardsControl = ControlClient;

export function createControl(ready: Promise<MockHandler>): GiftCardsControl {
  const call: ControlCall = async <T>(method: "GET" | "POST", path: string, body?: unknown, query = ""): Promise<T> => {
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
  };

  return controlFunctions(call);
}
