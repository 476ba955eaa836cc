// `node scripts/copy-generated.mjs <dist>/generated`: compiled code imports ../../generated/…
// relative to <dist>/src, and tsc does not emit what it finds as declarations (the types, the
// runtime module's .d.ts beside its .js), so the generated files are copied there unchanged.
import { cpSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const target = process.argv[2];
if (!target) throw new Error("usage: node scripts/copy-generated.mjs <dist>/generated");
const generated = join(dirname(fileURLToPath(import.meta.url)), "..", "generated");
mkdirSync(resolve(target), { recursive: true });
for (const file of ["gift-cards.d.ts", "gift-cards.runtime.js", "gift-cards.runtime.d.ts"])
  cpSync(join(generated, file), join(resolve(target), file));
