/**
 * Lints a spec with the real Redocly CLI, under the project's config (recommended rules plus
 * our own, openapi/redocly.yaml). Run as a child process: Redocly's CLI is a bundle with no
 * stable programmatic API. Telemetry and update checks are off: nothing leaves the machine.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { loadSpec, PACKAGE_ROOT, SPEC_PATH } from "../openapi/load.js";

export const LINT_CONFIG = join(PACKAGE_ROOT, "openapi", "redocly.yaml");

export interface LintResult {
  ok: boolean;
  /** Redocly's report (stylish format), its Node-version banner removed. */
  output: string;
}

const BANNER_LINE = /^\s*[╔║╚]/;

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
}

/** Lints a spec file (the shipped one by default); rejects with SpecUnreadable for one that cannot be read. */
export function lintSpec(spec: string = SPEC_PATH, config: string = LINT_CONFIG): Promise<LintResult> {
  return new Promise((resolve, reject) => {
    // Read within src/openapi's limits first: an unreadable spec is said as every command says it.
    loadSpec(spec);
    const child = spawn(process.execPath, [redoclyBin(), "lint", spec, "--config", config, "--format", "stylish"], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const report = output
        .split("\n")
        .filter((line) => !BANNER_LINE.test(line))
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim();
      resolve({ ok: code === 0, output: report });
    });
  });
}
