/**
 * What the proxy tests share: a merchant with a random secret (so a leak can be grepped for),
 * the simulator as an honest upstream, a proxy on 127.0.0.1:0 that records into a fresh
 * directory and collects its report lines, an app that has no secret, a raw HTTP exchange
 * (node:http, so the bytes the app gets are seen as they are), and an upstream that answers
 * one fixed answer and keeps what it received.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { createGiftCardsClient, type GiftCardsClient } from "../../src/client/index.js";
import type { RunningMock } from "../../src/mock/index.js";
import { startProxy, type ProxyOptions, type Recording, type RunningProxy } from "../../src/proxy/index.js";
import { startTestMock } from "../mock/helpers.js";

/** The merchant the upstream knows and the proxy signs as; a new random secret in every test file. */
export const MERCHANT = { authId: "770001", secret: randomBytes(24).toString("base64url") };
/** What the app sends as the holder: none of it may reach a recording or a line. */
export const HOLDER = { cardholder_name: "PETROVA ANNA SERGEEVNA", phone: 77012345678 };

/** The stateful simulator, knowing only MERCHANT; the seed makes its OTPs the same every run. */
export function startSimulator(): Promise<RunningMock> {
  return startTestMock({ mode: "stateful", merchants: [MERCHANT], seed: 12 });
}

export interface TestProxy {
  proxy: RunningProxy;
  url: string;
  /** The report lines so far. */
  lines: string[];
  dir: string;
  /** The recordings written so far, in order, parsed. */
  recordings(): Recording[];
  /** The recordings' files as written. */
  files(): string[];
  close(): Promise<void>;
}

export async function startTestProxy(upstream: string, options: Partial<ProxyOptions> = {}): Promise<TestProxy> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), "fp-giftcards-proxy-"));
  const proxy = await startProxy({
    upstream,
    ...MERCHANT,
    host: "127.0.0.1",
    port: 0,
    record: dir,
    logger: (line) => lines.push(line),
    ...options,
  });
  const names = () =>
    readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .sort();
  const files = () => names().map((name) => readFileSync(join(dir, name), "utf8"));
  return {
    proxy,
    url: proxy.url,
    lines,
    dir,
    files,
    recordings: () => files().map((text) => JSON.parse(text) as Recording),
    close: async () => {
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app: the real client, pointed at the proxy, with no secret of the merchant's (its signature is replaced). */
export function appClient(proxy: TestProxy): GiftCardsClient {
  return createGiftCardsClient({
    baseUrl: proxy.url,
    authId: "app-has-no-credentials",
    secret: "not-the-merchant-secret",
  });
}

export interface RawExchange {
  status: number;
  headers: IncomingHttpHeaders;
  bytes: Buffer;
  text: string;
  /** The body parsed as JSON, undefined when it is not JSON. */
  json: unknown;
}

/** One request over node:http (no fetch: it can hang on Node 20), body sent as given (an object as JSON). */
export function exchange(
  url: string,
  path: string,
  body: unknown = undefined,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawExchange> {
  const data = body === undefined ? undefined : Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: options.method ?? "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          ...(data ? { "content-length": data.length } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FixedUpstream {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** An upstream that answers every request with the same status, headers and bytes, and keeps what it received. */
export async function startFixedUpstream(
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer,
): Promise<FixedUpstream> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** None of `texts` holds any of `values` (the secret, the holder's name, phone, OTP…). */
export function expectNoneOf(texts: readonly string[], values: readonly (string | number)[]): void {
  for (const value of values) {
    const leaks = texts.filter((text) => text.includes(String(value)));
    expect(leaks, `${String(value)} leaked`).toEqual([]);
  }
}
