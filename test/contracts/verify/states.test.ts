/** The contract's provider states are the simulator's, with the params it takes; the recipe lists them all. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { readPactDir } from "../../../src/contracts/pact-files.js";
import { PROVIDER_STATES } from "../../../src/mock/index.js";
import { PACKAGE_ROOT } from "../../../src/openapi/index.js";

test("every state in the contracts is one the simulator implements, with exactly its params", () => {
  const known = new Map(PROVIDER_STATES.map(({ state, params }) => [state, [...params].sort()]));
  const used = readPactDir(join(PACKAGE_ROOT, "contracts")).flatMap((p) => p.interactions.flatMap((i) => i.providerStates));
  for (const { name, params = {} } of used) {
    expect(known.get(name), name).toEqual(Object.keys(params).sort());
  }
  expect(new Set(used.map((s) => s.name))).toEqual(new Set(known.keys()));
});

test("docs/consumer-ci.md lists every provider state", () => {
  const recipe = readFileSync(join(PACKAGE_ROOT, "docs", "consumer-ci.md"), "utf8");
  for (const { state } of PROVIDER_STATES) expect(recipe).toContain(`| \`${state}\` |`);
});
