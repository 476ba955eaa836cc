/**
 * `giftCardsHandlers` options: the hosts come from the spec's `servers` unless given, and a
 * mistake is one line at the call, not a failure at the first request.
 */
import { expect, test } from "vitest";
import { giftCardsHandlers } from "../../src/msw/index.js";
import { origins } from "../../src/msw/hosts.js";
import { loadSpec } from "../../src/openapi/index.js";

test("by default, the hosts of the spec's servers", () => {
  const servers = (loadSpec() as { servers?: { url: string }[] }).servers!.map((server) => server.url);
  expect(origins({})).toEqual(servers);
  expect(origins({})).toEqual(expect.arrayContaining(["https://api.freedompay.kz", "https://test-api.freedompay.kz"]));
});

test("baseUrl and baseUrls replace them, as origins", () => {
  expect(origins({ baseUrl: "https://Gift-Cards.test/" })).toEqual(["https://gift-cards.test"]);
  expect(origins({ baseUrls: ["http://localhost:8080", "http://localhost:8080/", "https://b.test"] })).toEqual([
    "http://localhost:8080",
    "https://b.test",
  ]);
});

test.each([
  [
    { baseUrl: "api.freedompay.kz" },
    'giftCardsHandlers: baseUrl must be an http(s) origin such as https://api.freedompay.kz (no path), got "api.freedompay.kz"',
  ],
  [
    { baseUrl: "https://a.test/v5" },
    'giftCardsHandlers: baseUrl must be an http(s) origin such as https://api.freedompay.kz (no path), got "https://a.test/v5"',
  ],
  [
    { baseUrls: ["https://a.test", "ftp://b.test"] },
    'giftCardsHandlers: baseUrls[1] must be an http(s) origin such as https://api.freedompay.kz (no path), got "ftp://b.test"',
  ],
  [{ baseUrls: [] }, "giftCardsHandlers: baseUrls is empty; leave it out to answer on the API's own hosts"],
  [
    { baseUrl: "https://a.test", baseUrls: ["https://b.test"] },
    "giftCardsHandlers: give baseUrl or baseUrls, not both",
  ],
  [{ merchants: ["123456"] }, "merchants takes AUTH_ID:SECRET, both non-empty (e.g. 123456:secret)"],
  [{ mode: "prism" as const, otpAttempts: 5 }, "otpAttempts applies to stateful mode only (mode stateful)"],
])("%j is refused: %s", (options, message) => {
  expect(() => giftCardsHandlers(options)).toThrow(message);
});
