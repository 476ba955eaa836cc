/** `resolveProxyOptions`: the defaults in one place, and mistakes named as a library user names the options. */
import { expect, test } from "vitest";
import { resolveProxyOptions } from "../../src/proxy/index.js";

test("the defaults: 127.0.0.1:4020, JWS HS512, 25 s for the upstream (under the client's 30 s), the mock's 10 s for a request, answers up to 1 MiB", () => {
  expect(
    resolveProxyOptions({ upstream: "https://test-api.freedompay.kz/", authId: "123456", secret: "s3cret" }),
  ).toEqual({
    upstream: "https://test-api.freedompay.kz",
    authId: "123456",
    secret: "s3cret",
    scheme: "jws",
    jwsAlgorithm: "HS512",
    host: "127.0.0.1",
    port: 4020,
    upstreamTimeoutSeconds: 25,
    requestTimeoutSeconds: 10,
    maxAnswerBytes: 1024 * 1024,
    logger: expect.any(Function),
  });
});

test("an upstream's base path is kept, without its trailing slash; numbers may come as text", () => {
  expect(
    resolveProxyOptions({
      upstream: "http://127.0.0.1:8080/gateway/",
      authId: "1",
      secret: "s",
      port: "0",
      upstreamTimeoutSeconds: "0.5",
    }),
  ).toMatchObject({ upstream: "http://127.0.0.1:8080/gateway", port: 0, upstreamTimeoutSeconds: 0.5 });
});

test.each<[string, object, string]>([
  [
    "no credentials",
    { upstream: "http://x" },
    "authId and secret are not set: the proxy signs every request with them (the app needs no secret)",
  ],
  [
    "no upstream",
    { authId: "1", secret: "s" },
    "upstream is required: the provider to forward to, e.g. https://test-api.freedompay.kz",
  ],
  [
    "an unknown algorithm",
    { upstream: "http://x", authId: "1", secret: "s", jwsAlgorithm: "RS256" },
    'jwsAlgorithm must be HS512 or HS256, got "RS256"',
  ],
  [
    "an empty record directory",
    { upstream: "http://x", authId: "1", secret: "s", record: "" },
    "record needs a directory",
  ],
])("%s", (_name, options, message) => {
  expect(() => resolveProxyOptions(options)).toThrow(expect.objectContaining({ name: "ProxyOptionsError", message }));
});
