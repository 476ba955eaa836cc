// The compiled declarations import ../../generated/gift-cards.js relative to dist/src, so the
// generated types are copied (unchanged, byte for byte) beside them.
import { cpSync } from "node:fs";
cpSync("generated/gift-cards.d.ts", "dist/generated/gift-cards.d.ts");
