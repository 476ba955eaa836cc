/** Mutated copies of the committed contract (and of the spec), written to a temp dir. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT, SPEC_PATH } from "../../../src/openapi/index.js";

export const CONTRACT = join(PACKAGE_ROOT, "contracts", "fp-giftcards-client-freedompay-gift-cards.json");
/** How many interactions the committed contract holds: read from it, never written down twice. */
export const INTERACTIONS = (JSON.parse(readFileSync(CONTRACT, "utf8")) as { interactions: unknown[] }).interactions
  .length;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Writes the contract into a fresh dir, each mutation applied to the interaction it names
 * (one interaction per mutation, so every finding is attributable to one plant).
 */
export function plantInContract(mutations: Record<string, (interaction: Json) => void>): string {
  const pact = JSON.parse(readFileSync(CONTRACT, "utf8")) as Json;
  for (const [description, mutate] of Object.entries(mutations)) {
    const interaction = (pact.interactions as Json[]).find((i) => i.description === description);
    if (!interaction) throw new Error(`the contract has no interaction "${description}"`);
    mutate(interaction);
  }
  const dir = mkdtempSync(join(tmpdir(), "fp-planted-"));
  writeFileSync(join(dir, "planted.json"), JSON.stringify(pact, null, 2));
  return dir;
}

/** A copy of the spec with one text replacement (which must apply). */
export function plantInSpec(from: string, to: string): string {
  const text = readFileSync(SPEC_PATH, "utf8");
  if (!text.includes(from)) throw new Error(`the spec does not contain ${from}`);
  const path = join(mkdtempSync(join(tmpdir(), "fp-spec-")), "gift-cards.yaml");
  writeFileSync(
    path,
    text.replace(from, () => to),
  );
  return path;
}
