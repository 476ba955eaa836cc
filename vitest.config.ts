// Two lanes of stages share the machine's two cores during `npm test`, so a test that spawns
// the CLI, npm or Pact's verifier can take several times its quiet duration. Timeouts here are
// a ceiling for hangs, never a measurement (benchmarks live in bench/).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
