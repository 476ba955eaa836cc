/**
 * Stateful mode: the simulator of the card lifecycle behind the shared pipeline, one file per
 * operation. Handlers are synchronous (see store.ts for why).
 */
import { formatDatetime, type Answer } from "../../http/answer.js";
import type { Engine, ValidRequest } from "../engine.js";
import { activateCard, type ActivateCardBody } from "./activate-card.js";
import { cardStatus } from "./card-status.js";
import { faultExample } from "./faults.js";
import { issueCard, type IssueCardBody } from "./issue-card.js";
import { listProducts } from "./list-products.js";
import { resendCard } from "./resend-card.js";
import { resendCode } from "./resend-code.js";
import type { Simulator } from "./simulator.js";

/** One operation of the simulator: the merchant and the schema-valid body in, the answer out. */
type SimulatedOperation = (sim: Simulator, authId: string, body: never) => Answer;

/** Keyed by the spec's operationId; the pipeline has already validated each body against it. */
const operations = new Map<string, SimulatedOperation>([
  ["listProducts", (sim) => listProducts(sim)],
  ["issueCard", (sim, authId, body: IssueCardBody) => issueCard(sim, authId, body)],
  ["activateCard", (sim, authId, body: ActivateCardBody) => activateCard(sim, authId, body)],
  ["resendCode", (sim, authId, body: { card_id: number }) => resendCode(sim, authId, body)],
  ["resendCard", (sim, authId, body: { card_id: number }) => resendCard(sim, authId, body)],
  ["getCardStatus", (sim, authId, body: { card_id: number }) => cardStatus(sim, authId, body)],
]);

export function createStatefulEngine(sim: Simulator): Engine {
  return {
    answer(request: ValidRequest): Answer {
      const operationId = request.operation.operationId;
      const operation = operations.get(operationId);
      if (!operation) throw new Error(`the simulator has no handler for ${operationId}`);
      const fault = sim.faults.take(operationId);
      if (fault !== undefined)
        return {
          httpStatus: 200,
          body: { ...faultExample(operationId, fault), datetime: formatDatetime(sim.clock.now()) },
        };
      return operation(sim, request.authId, request.body as never);
    },
  };
}
