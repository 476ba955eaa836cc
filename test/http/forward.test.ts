/**
 * The one re-signing forwarder under the proxy and verify's guard: a request re-signed for the
 * provider's path over its exact bytes, the answer passed on byte for byte, and — with the
 * latch verify's guard sets — the first fault answering every later request unsent. Real HTTP
 * over 127.0.0.1, real signatures.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { createForwarder, passedOn } from "../../src/http/forward.js";
import type { ServedRequest } from "../../src/http/request.js";
import { signatureHeaders, verifySignature } from "../../src/signing/index.js";
import { ProviderFault, type ProviderAnswer } from "../../src/upstream/send.js";

const credentials = { authId: "123456", secret: "provider-secret", scheme: "jws" as const };
const limits = { timeoutMs: 5_000, maxAnswerBytes: 1024 * 1024 };
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A provider that answers with `answer`, counting the requests it got (and keeping the last). */
async function provider(answer: (req: IncomingMessage, body: Buffer, res: import("node:http").ServerResponse) => void) {
  const seen = {
    count: 0,
    last: undefined as { path: string; headers: IncomingMessage["headers"]; body: Buffer } | undefined,
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      seen.count++;
      const body = Buffer.concat(chunks);
      seen.last = { path: req.url ?? "", headers: req.headers, body };
      answer(req, body, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`, seen };
}

function request(body: string): ServedRequest {
  const headers = {
    "content-type": "application/json",
    ...signatureHeaders({
      scheme: "jws",
      method: "POST",
      uri: "/v5/cards/card_status",
      body,
      authId: "app",
      secret: "app-secret",
    }),
  };
  return { method: "POST", path: "/v5/cards/card_status", query: "?a=1", headers, body: Buffer.from(body) };
}

test("re-signs for the provider's path over the exact bytes, and passes the answer on byte for byte", async () => {
  const upstream = await provider((_req, _body, res) => {
    res.writeHead(200, { "content-type": "application/json", "x-extra": "kept", connection: "close" });
    res.end('{"status": 0}');
  });
  const forwarder = createForwarder({ baseUrl: upstream.url, credentials, limits, name: "the provider" });
  const body = '{"card_id": 555}';
  const outcome = await forwarder.forward(request(body));
  expect(outcome).not.toBeInstanceOf(ProviderFault);
  expect(upstream.seen.last?.path).toBe("/base/v5/cards/card_status?a=1");
  expect(upstream.seen.last?.body.toString()).toBe(body);
  const received = {
    method: "POST",
    uri: "/base/v5/cards/card_status",
    headers: upstream.seen.last!.headers,
    body: upstream.seen.last!.body,
  };
  expect(verifySignature(received, (id) => (id === credentials.authId ? credentials.secret : undefined))).toMatchObject(
    { ok: true, authId: "123456" },
  );
  const answer = passedOn(outcome as ProviderAnswer);
  expect(answer.httpStatus).toBe(200);
  expect(answer.bytes?.toString()).toBe('{"status": 0}');
  expect(answer.headers).toMatchObject({ "content-type": "application/json", "x-extra": "kept" });
  expect(answer.headers).not.toHaveProperty("connection");
});

test("with the latch, the first fault answers every later request, which is never sent; without it, each is sent", async () => {
  const upstream = await provider((req) => req.socket.destroy());
  const faults: ProviderFault[] = [];
  const latched = createForwarder({
    baseUrl: upstream.url,
    credentials,
    limits,
    name: "the provider",
    latchFirstFault: true,
    onFault: (f) => faults.push(f),
  });
  const first = await latched.forward(request("{}"));
  const second = await latched.forward(request("{}"));
  const state = await latched.send(
    { method: "POST", url: upstream.url, headers: {}, body: Buffer.from("{}") },
    "the state-setup URL",
  );
  expect(first).toBeInstanceOf(ProviderFault);
  expect((first as ProviderFault).message).toMatch(
    /^the provider at http:\/\/127\.0\.0\.1:\d+\/base \(POST \/v5\/cards\/card_status\) closed the connection/,
  );
  expect([second, state]).toEqual([first, first]);
  expect(faults).toEqual([first]);
  expect(upstream.seen.count).toBe(1);

  const unlatched = createForwarder({ baseUrl: upstream.url, credentials, limits, name: "the upstream" });
  expect(await unlatched.forward(request("{}"))).toBeInstanceOf(ProviderFault);
  expect(await unlatched.forward(request("{}"))).toBeInstanceOf(ProviderFault);
  expect(upstream.seen.count).toBe(3);
});
