import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { PACKAGE_ROOT } from "../../src/openapi/load.js";
import { specOperations } from "../../src/openapi/operations.js";

// The README's table of operations is prose a user reads; the spec is the source. This keeps
// them in step: an edited path or provenance in the spec fails here until the README follows.
test("the README's operations table says what the spec says", () => {
  const readme = readFileSync(join(PACKAGE_ROOT, "README.md"), "utf8");
  const table = readme.split("<!-- operations-table")[1]!.split("<!-- /operations-table -->")[0]!;
  const rows = table.split("\n").filter((line) => line.startsWith("| `"));
  const want = [...specOperations().values()].map((op) => {
    const provenance = op.provenance as { level: string; source?: string; path?: string };
    const level =
      provenance.path && provenance.path !== provenance.level
        ? `${provenance.level} (path ${provenance.path})`
        : provenance.level;
    return `| \`${op.operationId}\` | \`${op.path}\` | ${level} | ${provenance.source ?? ""} |`;
  });
  expect(rows).toEqual(want);
});
