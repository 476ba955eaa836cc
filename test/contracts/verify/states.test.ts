/** One catalogue of provider states: the simulator implements exactly it, the contracts and the recipe use it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { assertVerifiable, readPactDir } from "../../../src/contracts/pact-files.js";
import { PROVIDER_STATES } from "../../../src/contracts/provider-states.js";
import { PROVIDER_STATES as SIMULATOR_STATES } from "../../../src/mock/index.js";
import { PACKAGE_ROOT } from "../../../src/openapi/index.js";

test("the simulator implements exactly the catalogue's states, with their params", () => {
  expect(new Map(SIMULATOR_STATES.map(({ state, params }) => [state, [...params].sort()]))).toEqual(
    new Map(Object.entries(PROVIDER_STATES).map(([state, params]) => [state, Object.keys(params).sort()])),
  );
});

test("the committed contracts use only the catalogue's states, and all of them", () => {
  const pacts = readPactDir(join(PACKAGE_ROOT, "contracts"));
  expect(() => assertVerifiable(pacts)).not.toThrow();
  expect(new Set(pacts.flatMap((p) => p.interactions.flatMap((i) => i.providerStates.map((s) => s.name))))).toEqual(new Set(Object.keys(PROVIDER_STATES)));
});

test("docs/consumer-ci.md lists every provider state", () => {
  const recipe = readFileSync(join(PACKAGE_ROOT, "docs", "consumer-ci.md"), "utf8");
  for (const state of Object.keys(PROVIDER_STATES)) expect(recipe).toContain(`| \`${state}\` |`);
});
