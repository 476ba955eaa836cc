/**
 * The client's result union. Every method resolves to one of these; it never rejects for an
 * expected failure, so callers branch on `ok` and then on `error.kind` (never on message text).
 */
import type { components, operations } from "../../generated/gift-cards.js";
import type { OperationOutcomes } from "../../generated/gift-cards.runtime.js";
import type { ErrorStatusName } from "./statuses.js";
import type { Violation } from "./violations.js";

export type OperationId = keyof operations;
export type RequestBody<Op extends OperationId> = operations[Op]["requestBody"]["content"]["application/json"];
type OkBody<Op extends OperationId> = operations[Op]["responses"][200]["content"]["application/json"];
/** The success body of an operation (`status` 0). */
export type SuccessBody<Op extends OperationId> = Extract<OkBody<Op>, { status: 0 }>;
export type BusinessErrorBody = components["schemas"]["BusinessError"];
/** The names of an operation's documented answers in the spec: "success" and its business errors, e.g. "IncorrectOtp". */
export type AnswerName<Op extends OperationId> = OperationOutcomes[Op];

export type GiftCardsError =
  | {
      kind: "business";
      /** The negative `status`, e.g. -8. */
      code: BusinessErrorBody["status"];
      /** Its name in the spec, e.g. "IncorrectOtp". */
      name: ErrorStatusName;
      message: string;
      body: BusinessErrorBody;
    }
  | {
      kind: "http";
      status: number;
      message: string;
      /** The answer's body, parsed when it is JSON; absent for a redirect and an over-long body. */
      body?: unknown;
      /** A redirect's `Location`: the client never follows it. */
      location?: string;
    }
  | { kind: "network"; message: string; cause?: unknown }
  | { kind: "timeout"; message: string; timeoutMs: number }
  | { kind: "invalid_response"; message: string; violations: Violation[]; body?: unknown };

export type GiftCardsErrorKind = GiftCardsError["kind"];

export type GiftCardsResult<T> =
  | { ok: true; data: T; response: Response }
  | { ok: false; error: GiftCardsError; response?: Response };
