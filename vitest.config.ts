// `npm test` is this one vitest run, in two groups that run one after the other (projects with
// `sequence.groupOrder`); the projects of a group run side by side on the machine's two cores.
//   0  build (dist/, which the CLI tests run and the package test packs) · consumer (writes contracts/)
//   1  unit · mock · package (packs the build, installs it as users do) · static (types) ·
//      contracts (verify, check and everything else that reads contracts/)
// So nothing reads contracts/ while it is being written, and the longest part (package) runs
// beside everything that can run beside it. The summary reporter prints each
// project's wall time and the closing `Tests: N passed, N failed` line, which counts every
// failure: a failed test, a file that failed to load, a hook that threw, an unhandled error.
// Timeouts are a ceiling for hangs, never a measurement (benchmarks live in bench/).
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

function project(
  name: string,
  groupOrder: number,
  include: string[],
  exclude: string[] = [],
): TestProjectInlineConfiguration {
  return { extends: true, test: { name, include, exclude, sequence: { groupOrder } } };
}

export default defineConfig({
  // Tests run the client from source, like tsconfig.json's paths; Node itself (the built CLI, the
  // package test, bench/) finds the built package through the workspace link in node_modules.
  resolve: {
    alias: [
      {
        find: /^freedompay-gift-cards-client$/,
        replacement: fileURLToPath(new URL("./src/client/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most files wait on child processes and sockets, not the CPU.
    maxWorkers: 4,
    // A worker keeps the modules it loaded from one test file to the next (Pact, Prism, Ajv, the
    // spec's validators): a third less CPU on these two cores. Test files share no mutable module
    // state; each starts and closes its own servers (and MSW's interception) in its hooks.
    isolate: false,
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    projects: [
      project("build", 0, ["test/build/build.test.ts"]),
      project("static", 1, ["test/build/static.test.ts"]),
      project("consumer", 0, ["test/contracts/consumer/**/*.test.ts"]),
      // Every test folder not named by another project is unit tests.
      project("unit", 1, ["test/**/*.test.ts"], ["test/{build,mock,package,contracts}/**"]),
      project("mock", 1, ["test/mock/**/*.test.ts"]),
      project("package", 1, ["test/package/**/*.test.ts"]),
      project("contracts", 1, ["test/contracts/**/*.test.ts"], ["test/contracts/consumer/**"]),
    ],
  },
});
