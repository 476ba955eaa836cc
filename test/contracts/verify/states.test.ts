/** One catalogue of provider states: the simulator serves exactly it, the contracts and the recipe use it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { assertVerifiable, readPactDir } from "../../../src/contracts/pact-files.js";
import { PROVIDER_STATES } from "../../../src/provider-states/catalogue.js";
import { startMock, type RunningMock } from "../../../src/mock/index.js";
import { PACKAGE_ROOT } from "../../../src/openapi/index.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ mode: "stateful", port: 0 });
});
afterAll(() => mock.close());

test("the simulator serves exactly the catalogue's states, with their params", async () => {
  const served = (await (await fetch(`${mock.url}/__control/states`)).json()) as {
    states: { state: string; params: string[] }[];
  };
  expect(served.states).toEqual(
    Object.entries(PROVIDER_STATES).map(([state, params]) => ({ state, params: Object.keys(params) })),
  );
});

test("the committed contracts use only the catalogue's states, and all of them", () => {
  const pacts = readPactDir(join(PACKAGE_ROOT, "contracts"));
  expect(() => assertVerifiable(pacts)).not.toThrow();
  expect(new Set(pacts.flatMap((p) => p.interactions.flatMap((i) => i.providerStates.map((s) => s.name))))).toEqual(
    new Set(Object.keys(PROVIDER_STATES)),
  );
});

test("docs/consumer-ci.md lists every provider state", () => {
  const recipe = readFileSync(join(PACKAGE_ROOT, "docs", "consumer-ci.md"), "utf8");
  for (const state of Object.keys(PROVIDER_STATES)) expect(recipe).toContain(`| \`${state}\` |`);
});
