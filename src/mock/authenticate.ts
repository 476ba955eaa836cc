/**
 * Who is calling. With auth on, the signature is checked by the one signing module against
 * the configured merchants (401 otherwise). With auth off, a request is taken as the merchant
 * it claims to be (JWS `auth_id` or legacy `Auth-Id`) when that merchant is configured, else
 * as the first merchant — so stateful mode still keeps merchants apart without signatures.
 */
import {
  claimedAuthId,
  explainRefusal,
  verifySignature,
  type Credentials,
  type Verification,
} from "freedompay-gift-cards-client";
import { ErrorStatus } from "../openapi/codes.js";
import { businessError, httpError, refused, type Answer } from "../http/answer.js";
import type { RawRequest } from "../http/request.js";
import { ReplayGuard, type ReplayLimits } from "./replay-guard.js";

export type Authentication = { ok: true; authId: string } | { ok: false; answer: Answer };

export class Authenticator {
  private readonly secrets: Map<string, string>;
  private readonly replays: ReplayGuard;
  private readonly secretOf = (authId: string) => this.secrets.get(authId);

  constructor(
    private readonly merchants: Credentials[],
    private readonly checkSignatures: boolean,
    replayLimits: ReplayLimits,
  ) {
    this.secrets = new Map(merchants.map((m) => [m.authId, m.secret]));
    this.replays = new ReplayGuard(replayLimits);
  }

  authenticate(request: RawRequest): Authentication {
    if (!this.checkSignatures) return { ok: true, authId: this.claimedMerchant(request) };
    const received = { method: request.method, uri: request.path, headers: request.headers, body: request.body };
    const verification: Verification = verifySignature(received, this.secretOf);
    if (!verification.ok)
      return { ok: false, answer: this.refusal(verification.reason, explainRefusal(received, this.secretOf)) };
    if (verification.requestId !== undefined && !this.replays.firstUse(verification.authId, verification.requestId)) {
      const id =
        verification.requestId.length > 64 ? `${verification.requestId.slice(0, 64)}…` : verification.requestId;
      const reason = `duplicate Request-Id ${JSON.stringify(id)}; the request was not processed`;
      return { ok: false, answer: refused(businessError(ErrorStatus.GeneralError, reason), reason) };
    }
    return { ok: true, authId: verification.authId };
  }

  /** A 401 whose message says what differs (the spec's UnauthorizedError has room for it). */
  private refusal(reason: string, explanation: string): Answer {
    return refused(httpError(401, `${reason}: ${explanation}`), reason, explanation);
  }

  /** Forgets the seen Request-Ids (a simulator reset). */
  forgetRequestIds(): void {
    this.replays.clear();
  }

  private claimedMerchant(request: RawRequest): string {
    const claimed = claimedAuthId(request.headers);
    return claimed !== undefined && this.secrets.has(claimed) ? claimed : this.merchants[0]!.authId;
  }
}
