/**
 * The simulator's control API (docs/mock.md), under `/__control` and never under `/v5`, unsigned:
 * what a test needs that a real API would not give it — the OTP "sent by SMS", a clock to move,
 * a merchant's balance, a reset, and named provider states. Answers are JSON; a mistake is a
 * 400 (or 404 for something that does not exist) with a one-line `message`.
 */
import type { Answer } from "../../http/answer.js";
import { formatDatetime } from "../../http/answer.js";
import type { RawRequest } from "../../http/request.js";
import { limitParam, queryOf } from "../../http/query.js";
import type { ControlHandler, ControlRequest } from "../router.js";
import { cardStatusName } from "../../openapi/codes.js";
import { readFault } from "./faults.js";
import { SMS_OUTBOX_LIMIT } from "./sms-outbox.js";
import { stateList } from "../../provider-states/catalogue.js";
import { applyProviderState } from "./scenes.js";
import type { Simulator } from "./simulator.js";

const LAST_DATETIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** A path segment decoded, or undefined when its escapes are broken (`%ZZ`). */
function segment(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const ok = (body: object): Answer => ({ httpStatus: 200, body });
const reject = (httpStatus: number, message: string, extra: object = {}): Answer => ({
  httpStatus,
  body: { message, ...extra },
});

/** The JSON object body of a control request; an empty body is `{}`. */
function jsonObject(request: RawRequest): Record<string, unknown> | undefined {
  const raw = request.body.toString("utf8");
  if (raw.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export interface ControlApiParts {
  sim: Simulator;
  /** Forgets the legacy Request-Ids seen so far: a reset starts from nothing. */
  forgetRequestIds(): void;
  /** Told after a control call changed the simulator (reset, clock, state): the dashboard's cue. */
  changed?(what: string): void;
}

export function controlApi({ sim, forgetRequestIds, changed = () => undefined }: ControlApiParts): ControlHandler {
  const reset = () => {
    sim.reset();
    forgetRequestIds();
    changed("reset");
  };

  const clock = (request: RawRequest): Answer => {
    const seconds = jsonObject(request)?.advance_seconds;
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      return reject(400, 'send {"advance_seconds": N} with N a non-negative number of seconds');
    }
    // Answers carry a four-digit year (the spec's Datetime): the clock may not pass 9999-12-31.
    if (sim.clock.now() + seconds * 1000 > LAST_DATETIME_MS)
      return reject(400, "advance_seconds would move the clock past 9999-12-31 23:59:59");
    sim.clock.advance(seconds);
    changed("clock");
    return ok({ advanced_seconds: seconds, now: formatDatetime(sim.clock.now()) });
  };

  const state = (request: RawRequest): Answer => {
    const body = jsonObject(request);
    if (!body) return reject(400, 'send {"state": "…", "params": {…}} as a JSON object');
    // Pact's state-change call may say `action: "setup"` or `"teardown"`; every setup starts
    // from the baseline anyway, so a teardown has nothing left to undo.
    const action = body.action ?? "setup";
    if (action === "teardown") return ok({ state: body.state, action });
    if (action !== "setup") return reject(400, `action must be "setup" or "teardown", got ${JSON.stringify(action)}`);
    const params = body.params ?? {};
    if (params === null || typeof params !== "object" || Array.isArray(params))
      return reject(400, "params must be a JSON object");
    const result = applyProviderState(sim, body.state, params as Record<string, unknown>);
    if (!result.ok)
      return reject(result.httpStatus, result.message, result.knownStates ? { known_states: result.knownStates } : {});
    forgetRequestIds();
    changed("state");
    // The values the scene used, top level: Pact's verifier injects them into the replayed request.
    return ok(result.values);
  };

  const cardOtp = (id: string): Answer => {
    const card = /^\d{1,16}$/.test(id) ? sim.store.cards.get(Number(id)) : undefined;
    if (!card) return reject(404, `no card ${id}`);
    if (!card.otp) return reject(404, `card ${card.id} awaits no confirmation code (it is already activated)`);
    return ok({ card_id: card.id, otp: card.otp.code });
  };

  const merchant = (authId: string): Answer => {
    const found = sim.store.merchants.get(authId);
    if (!found) return reject(404, `no merchant ${authId}`);
    return ok({ auth_id: found.authId, partner_balance: found.partnerBalance, cards: found.cardCount });
  };

  const sms = (request: ControlRequest, latest: boolean): Answer => {
    const params = queryOf(request.query);
    const phone = params.get("phone") ?? undefined;
    if (latest) {
      const found = sim.latestSms(phone);
      return found ? ok(found) : reject(404, phone === undefined ? "no SMS sent yet" : `no SMS sent yet to ${phone}`);
    }
    const limit = limitParam(params, SMS_OUTBOX_LIMIT, 50);
    return limit.ok ? ok({ messages: sim.sms(phone, limit.value) }) : reject(400, limit.message);
  };

  const faults = (request: ControlRequest): Answer => {
    if (request.method === "DELETE") return (sim.faults.clear(), ok({ faults: [] }));
    if (request.method !== "POST") return ok({ faults: sim.faults.list() });
    const body = jsonObject(request);
    if (!body)
      return reject(400, 'send {"operation": "…", "status": N, "probability"?: p, "times"?: n} as a JSON object');
    const read = readFault(body);
    if (!read.ok) return reject(400, read.message);
    if (!sim.faults.add(read.fault)) return reject(400, "too many faults set; DELETE /__control/faults first");
    return ok({ fault: read.fault, faults: sim.faults.list() });
  };

  const cards = (): Answer =>
    ok({
      cards: [...sim.store.cards.values()]
        .reverse()
        .slice(0, 200)
        .map((card) => ({
          card_id: card.id,
          auth_id: card.authId,
          status: card.status,
          status_name: cardStatusName(card.status) ?? null,
          balance: card.balance,
          currency: card.currency,
          mask: card.mask,
          awaiting_otp: card.otp !== undefined,
        })),
    });

  const merchants = (): Answer =>
    ok({
      merchants: [...sim.store.merchants.values()].map((m) => ({
        auth_id: m.authId,
        partner_balance: m.partnerBalance,
        cards: m.cardCount,
      })),
    });

  return (request) => {
    const { method, path } = request;
    const get = method === "GET" || method === "HEAD";
    if (get && path === "/__control/health")
      return ok({ status: "ok", mode: "stateful", now: formatDatetime(sim.clock.now()) });
    if (get && path === "/__control/states") return ok({ states: stateList() });
    if (method === "POST" && path === "/__control/reset") return (reset(), ok({ reset: true }));
    if (method === "POST" && path === "/__control/clock") return clock(request);
    if (method === "POST" && path === "/__control/state") return state(request);
    if (get && path === "/__control/sms") return sms(request, false);
    if (get && path === "/__control/sms/latest") return sms(request, true);
    if (path === "/__control/faults" && (get || method === "POST" || method === "DELETE")) return faults(request);
    if (get && path === "/__control/cards") return cards();
    if (get && path === "/__control/merchants") return merchants();
    const otp = get ? /^\/__control\/cards\/([^/]+)\/otp$/.exec(path) : null;
    const cardId = otp ? segment(otp[1]!) : undefined;
    if (cardId !== undefined) return cardOtp(cardId);
    const merchantPath = get ? /^\/__control\/merchants\/([^/]+)$/.exec(path) : null;
    const authId = merchantPath ? segment(merchantPath[1]!) : undefined;
    if (authId !== undefined) return merchant(authId);
    return undefined;
  };
}
