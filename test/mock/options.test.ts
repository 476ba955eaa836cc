/**
 * `resolveMockOptions` is the one owner of the mock's option rules: a library user reads them
 * in option names (the CLI's flag names are tested in test/cli/mock.test.ts), and numbers may
 * come as text from a command line or the environment.
 */
import { expect, test } from "vitest";
import { MOCK_DEFAULTS, resolveMockOptions, startMock } from "../../src/mock/index.js";

test("defaults fill in what is not given; numbers may be text", () => {
  expect(
    resolveMockOptions({ mode: "stateful", port: "0", otpAttempts: "5", requestTimeoutSeconds: "2.5" }),
  ).toMatchObject({
    ...MOCK_DEFAULTS,
    mode: "stateful",
    port: 0,
    otpAttempts: 5,
    requestTimeoutSeconds: 2.5,
    merchants: [{ authId: "123456", secret: "secret" }],
  });
});

test("merchants may be AUTH_ID:SECRET texts; the secret may hold colons", () => {
  expect(resolveMockOptions({ merchants: ["1:a:b", { authId: "2", secret: "c" }] }).merchants).toEqual([
    { authId: "1", secret: "a:b" },
    { authId: "2", secret: "c" },
  ]);
});

test.each<[string, Parameters<typeof resolveMockOptions>[0], string]>([
  ["a port that is not a number", { port: "abc" }, 'port must be a whole number from 0 to 65535, got "abc"'],
  ["a fractional port", { port: 1.5 }, "port must be a whole number from 0 to 65535, got 1.5"],
  ["an OTP option in Prism mode", { otpAttempts: 5 }, "otpAttempts applies to stateful mode only (mode stateful)"],
  ["sandbox-like in Prism mode", { sandboxLike: true }, "sandboxLike applies to stateful mode only (mode stateful)"],
  [
    "a seed in Prism mode without dynamic",
    { seed: 1 },
    "seed needs dynamic in Prism mode (it seeds the generated bodies)",
  ],
  [
    "a merchant text without a secret",
    { merchants: ["123456"] },
    "merchants takes AUTH_ID:SECRET, both non-empty (e.g. 123456:secret)",
  ],
  [
    "a time limit of a week",
    { requestTimeoutSeconds: 604_800 },
    "requestTimeoutSeconds must be a number of seconds above 0 and at most 86400, got 604800",
  ],
])("%s is refused in the option's own name", async (_name, options, message) => {
  const refusal = expect.objectContaining({ name: "MockOptionsError", message });
  expect(() => resolveMockOptions(options)).toThrow(refusal);
  await expect(startMock(options)).rejects.toThrow(refusal);
});

test("a seed in stateful mode seeds the OTPs, without dynamic", () => {
  expect(resolveMockOptions({ mode: "stateful", seed: "99" }).seed).toBe(99);
});
