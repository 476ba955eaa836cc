/**
 * `fp-giftcards provenance --recordings DIR` over recordings the proxy really made: the
 * simulator's answers (the phone sent as a number and as a string, a refused phone, a wrong
 * OTP), a drifted answer, a request the spec has no operation for, and an upstream that closed
 * the connection. The report says, per operation, what the traffic showed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { startDriftProxy, type DriftProxy } from "../contracts/verify/drift-proxy.js";
import { startHostileProvider, type HostileProvider } from "../contracts/verify/hostile-providers.js";
import { runMain } from "../helpers/cli.js";
import { appClient, exchange, HOLDER, startSimulator, startTestProxy } from "../proxy/helpers.js";

let simulator: RunningMock;
let drift: DriftProxy;
let hostile: HostileProvider;
let dir: string;

beforeAll(async () => {
  simulator = await startSimulator();
  drift = await startDriftProxy(simulator.url, (path, answer) =>
    path === "/v5/cards/card_status" ? { httpStatus: 200, body: { ...answer.body, card_balance: "100" } } : undefined,
  );
  hostile = await startHostileProvider("close");
  dir = mkdtempSync(join(tmpdir(), "fp-giftcards-provenance-"));

  const honest = await startTestProxy(simulator.url, { record: dir });
  const app = appClient(honest);
  await app.listProducts();
  const issued = await app.issueCard({ ...HOLDER, product_code: 1 });
  await exchange(honest.url, "/v5/cards/issue_card", { ...HOLDER, phone: String(HOLDER.phone), product_code: 1 });
  await exchange(honest.url, "/v5/cards/issue_card", { ...HOLDER, phone: "+77012345678", product_code: 1 });
  const cardId = issued.ok ? issued.data.card_id : 0;
  await app.activateCard({ card_id: cardId, otp: "00000" });
  await app.getCardStatus({ card_id: cardId });
  await exchange(honest.url, "/v5/cards/card_info", undefined, { method: "GET" });
  await honest.close();

  const drifted = await startTestProxy(drift.url, { record: dir });
  await exchange(drifted.url, "/v5/cards/card_status", { card_id: cardId });
  await drifted.close();

  const broken = await startTestProxy(hostile.url, { record: dir });
  await exchange(broken.url, "/v5/cards/resend_code", { card_id: cardId });
  await broken.close();
});

afterAll(async () => {
  await hostile.close();
  await drift.close();
  await simulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each operation's traffic lines, by operationId (the provenance lines around them come from the spec). */
function trafficByOperation(report: string): Record<string, string[]> {
  const blocks: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of report.split("\n")) {
    const operation = /^ {2}(\w+) {2}POST /.exec(line)?.[1];
    if (operation) blocks[operation] = current = [];
    else if (
      /^ {6}(traffic|statuses|request fields sent as|answer fields seen|declared, never seen|deviations from the spec):/.test(
        line,
      )
    )
      current?.push(line.trim());
    else if (!line.startsWith("      ")) current = undefined;
  }
  return blocks;
}

test("provenance reports what the recorded traffic showed, operation by operation", async () => {
  const run = await runMain(["provenance", "--recordings", dir]);
  expect([run.code, run.stderr]).toEqual([0, ""]);
  expect(trafficByOperation(run.stdout)).toEqual({
    listProducts: [
      "traffic: 1 exchange; path answered; HTTP 200",
      "statuses: 0 Success",
      "answer fields seen: datetime, product_list, product_list[].balance, product_list[].code, product_list[].currency, product_list[].image, product_list[].name, product_list[].name_en, status",
      "declared, never seen: message",
      "deviations from the spec: none",
    ],
    issueCard: [
      "traffic: 3 exchanges; path answered; HTTP 200 ×3",
      "statuses: 0 Success ×2, -3 InvalidPhone",
      "request fields sent as: cardholder_name (string ×3), phone (integer, string ×2), product_code (integer ×3)",
      "answer fields seen: card_id, datetime, message, status",
      "deviations from the spec: none",
    ],
    activateCard: [
      "traffic: 1 exchange; path answered; HTTP 200",
      "statuses: -8 IncorrectOtp",
      "request fields sent as: card_id (integer), otp (string)",
      "answer fields seen: datetime, message, status",
      "declared, never seen: card_balance, card_currency, card_mask, card_status",
      "deviations from the spec: none",
    ],
    resendCard: ["traffic: no exchange recorded"],
    resendCode: [
      "traffic: 1 exchange; path NOT answered (404 or no answer); HTTP —; 1 without an answer",
      "request fields sent as: card_id (integer)",
      "answer fields seen: —",
      "deviations from the spec: none",
    ],
    getCardStatus: [
      "traffic: 2 exchanges; path answered; HTTP 200 ×2",
      "statuses: 0 Success ×2",
      "request fields sent as: card_id (integer ×2)",
      "answer fields seen: card_balance, card_currency, card_mask, card_status, datetime, status",
      "declared, never seen: message",
      "deviations from the spec: /card_balance: expected integer, actual string",
    ],
  });
  expect(run.stdout).toContain("\n  requests the spec has no operation for: GET /v5/cards/card_info\n");
  expect(run.stdout).toMatch(/\n9 recordings read\.\n$/);
});
