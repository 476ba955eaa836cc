/**
 * The simulator's control API (docs/mock.md), under `/__control` and never under `/v5`, unsigned:
 * what a test needs that a real API would not give it — the OTP "sent by SMS", a clock to move,
 * a merchant's balance, a reset, and named provider states. Answers are JSON; a mistake is a
 * 400 (or 404 for something that does not exist) with a one-line `message`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Authenticator } from "../authenticate.js";
import { formatDatetime } from "../answers.js";
import { applyProviderState, PROVIDER_STATES } from "./provider-states.js";
import type { Simulator } from "./simulator.js";

export const CONTROL_PREFIX = "/__control";
const LAST_DATETIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

function reject(reply: FastifyReply, httpStatus: number, message: string, extra: object = {}) {
  return reply.code(httpStatus).send({ message, ...extra });
}

/** The JSON object body of a control request; an empty body is `{}`. */
function jsonObject(request: FastifyRequest): Record<string, unknown> | undefined {
  const raw = Buffer.isBuffer(request.body) ? request.body.toString("utf8") : "";
  if (raw.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function registerControlApi(app: FastifyInstance, sim: Simulator, auth: Authenticator): void {
  const reset = () => {
    sim.reset();
    auth.reset();
  };

  app.get(`${CONTROL_PREFIX}/health`, async () => ({ status: "ok", mode: "stateful", now: formatDatetime(sim.clock.now()) }));

  app.post(`${CONTROL_PREFIX}/reset`, async () => {
    reset();
    return { reset: true };
  });

  app.get<{ Params: { card_id: string } }>(`${CONTROL_PREFIX}/cards/:card_id/otp`, async (request, reply) => {
    const id = Number(request.params.card_id);
    const card = Number.isSafeInteger(id) ? sim.store.cards.get(id) : undefined;
    if (!card) return reject(reply, 404, `no card ${request.params.card_id}`);
    if (!card.otp) return reject(reply, 404, `card ${card.id} awaits no confirmation code (it is already activated)`);
    return { card_id: card.id, otp: card.otp.code };
  });

  app.post(`${CONTROL_PREFIX}/clock`, async (request, reply) => {
    const seconds = jsonObject(request)?.advance_seconds;
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      return reject(reply, 400, 'send {"advance_seconds": N} with N a non-negative number of seconds');
    }
    // Answers carry a four-digit year (the spec's Datetime): the clock may not pass 9999-12-31.
    if (sim.clock.now() + seconds * 1000 > LAST_DATETIME_MS) return reject(reply, 400, "advance_seconds would move the clock past 9999-12-31 23:59:59");
    sim.clock.advance(seconds);
    return { advanced_seconds: seconds, now: formatDatetime(sim.clock.now()) };
  });

  app.get<{ Params: { auth_id: string } }>(`${CONTROL_PREFIX}/merchants/:auth_id`, async (request, reply) => {
    const merchant = sim.store.merchants.get(request.params.auth_id);
    if (!merchant) return reject(reply, 404, `no merchant ${request.params.auth_id}`);
    return { auth_id: merchant.authId, partner_balance: merchant.partnerBalance, cards: merchant.cardCount };
  });

  app.get(`${CONTROL_PREFIX}/states`, async () => ({ states: PROVIDER_STATES }));

  app.post(`${CONTROL_PREFIX}/state`, async (request, reply) => {
    const body = jsonObject(request);
    if (!body) return reject(reply, 400, 'send {"state": "…", "params": {…}} as a JSON object');
    // Pact's state-change call may say `action: "setup"` or `"teardown"`; every setup starts
    // from the baseline anyway, so a teardown has nothing left to undo.
    const action = body.action ?? "setup";
    if (action === "teardown") return { state: body.state, action };
    if (action !== "setup") return reject(reply, 400, `action must be "setup" or "teardown", got ${JSON.stringify(action)}`);
    const params = body.params ?? {};
    if (params === null || typeof params !== "object" || Array.isArray(params)) return reject(reply, 400, "params must be a JSON object");
    auth.reset();
    const result = applyProviderState(sim, body.state, params as Record<string, unknown>);
    if (!result.ok) return reject(reply, result.httpStatus, result.message, result.knownStates ? { known_states: result.knownStates } : {});
    return { state: body.state, params };
  });
}
