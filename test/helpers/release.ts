/**
 * Both packages packed as a release packs them, from a copy of the repo (so the dist/ other
 * tests run is never rewritten): the files a clone has, a node_modules whose entries link to the
 * installed ones, the workspace link to the copy's own client folder; then `npm pack` of both,
 * with the toolkit's prepack (build, then npm-shrinkwrap.json). For test/package's tests, which
 * install the tarballs from test/helpers/local-registry.ts.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./cli.js";
import { npmEnv } from "./local-registry.js";

export const CLIENT = "freedompay-gift-cards-client";
export const TOOLKIT = "freedompay-gift-cards";

export interface PackedRelease {
  /** Absolute paths of the two tarballs. */
  client: string;
  toolkit: string;
}

function releaseCopy(work: string): string {
  const copy = join(work, "release");
  const skipped = new Set(
    ["node_modules", "dist", ".git", "coverage", "test", "contracts"].map((name) => join(REPO_ROOT, name)),
  );
  cpSync(REPO_ROOT, copy, { recursive: true, filter: (source) => !skipped.has(source) && !source.endsWith("/dist") });
  mkdirSync(join(copy, "node_modules"));
  for (const entry of readdirSync(join(REPO_ROOT, "node_modules"))) {
    const target = entry === CLIENT ? join(copy, "packages", "client") : join(REPO_ROOT, "node_modules", entry);
    symlinkSync(target, join(copy, "node_modules", entry));
  }
  return copy;
}

/** Packs both packages into `work/tarballs`. */
export async function packRelease(work: string): Promise<PackedRelease> {
  const copy = releaseCopy(work);
  const out = join(work, "tarballs");
  mkdirSync(out);
  const args = [
    "pack",
    "--json",
    "--workspaces",
    "--include-workspace-root",
    "--pack-destination",
    out,
    "--loglevel=error",
  ];
  const { stdout } = await promisify(execFile)("npm", args, { cwd: copy, env: npmEnv(), maxBuffer: 64 * 1024 * 1024 });
  const packed = JSON.parse(stdout) as { name: string; filename: string }[];
  const file = (name: string) => join(out, packed.find((p) => p.name === name)!.filename);
  return { client: file(CLIENT), toolkit: file(TOOLKIT) };
}
