#!/usr/bin/env node
// Runs the compiled CLI. dist/ is built by `npm run build`, which `npm test`, `npm start` and
// `npm pack` (prepack) run first; a published package ships it.
import("../dist/src/cli/main.js").then(
  async ({ main }) => {
    const code = await main(process.argv);
    // Servers (the mock) keep the process alive on their own; only exit for one-shot commands.
    if (code !== 0) process.exitCode = code;
  },
  (error) => {
    const missing =
      error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/src/cli/main.js");
    process.stderr.write(
      missing
        ? "fp-giftcards: the compiled CLI is missing (dist/); run `npm run build` in the package first\n"
        : `fp-giftcards: failed to start: ${error && error.message}\n`,
    );
    process.exitCode = 1;
  },
);
