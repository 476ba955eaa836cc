// `node scripts/shrinkwrap.mjs write|remove`: the toolkit's prepack and postpack steps.
//
// The toolkit ships an npm-shrinkwrap.json so that every consumer, on every Node, installs the
// dependency tree this repo tested. It cannot be the repo's own lockfile: that one holds the dev
// tree, and a link to the client's workspace folder, which the tarball does not have. So it is
// derived from package-lock.json: the toolkit's production closure only (what `dependencies`
// reach, each name resolved the way Node resolves it), the client as a plain dependency at its
// version (found in the registry by it). `remove` deletes the file after packing: at the repo
// root it would take precedence over package-lock.json for `npm ci`.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {{ [field: string]: unknown, version?: string, link?: boolean, resolved?: string,
 *   dependencies?: Record<string, string>, optionalDependencies?: Record<string, string>,
 *   peerDependencies?: Record<string, string>, peerDependenciesMeta?: Record<string, { optional?: boolean }> }} LockEntry
 * @typedef {{ name: string, version: string, lockfileVersion: number, packages: Record<string, LockEntry> }} Lockfile
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const SHRINKWRAP = join(ROOT, "npm-shrinkwrap.json");
// Flags npm computed over the whole dev tree; recomputed below for the production one.
const TREE_FLAGS = ["dev", "devOptional", "optional", "peer"];

/** A lock key's parent location: `node_modules/a/node_modules/b` → `node_modules/a`; top level → "". @param {string} key */
const parentOf = (key) => key.slice(0, Math.max(0, key.lastIndexOf("/node_modules/")));

/**
 * A package's production edges as [name, optional] (no devDependencies). The toolkit's own peers
 * (msw) are left out: the consumer provides them, and a copy nested under the toolkit would be a
 * second instance the consumer's code never sees.
 * @param {LockEntry} entry
 * @param {boolean} isRoot
 * @returns {[string, boolean][]}
 */
const edgesOf = (entry, isRoot) => [
  ...Object.keys(entry.dependencies ?? {}).map((name) => /** @type {[string, boolean]} */ ([name, false])),
  ...Object.keys(entry.optionalDependencies ?? {}).map((name) => /** @type {[string, boolean]} */ ([name, true])),
  ...(isRoot ? [] : Object.keys(entry.peerDependencies ?? {})).map(
    (name) => /** @type {[string, boolean]} */ ([name, entry.peerDependenciesMeta?.[name]?.optional === true]),
  ),
];

/**
 * The lock keys of every package the root's production dependencies reach.
 * @param {Lockfile} lock
 * @param {boolean} followOptional
 */
function closure({ packages }, followOptional) {
  /** @param {string} name @param {string} from */
  const locate = (name, from) => {
    for (let dir = from; ; dir = parentOf(dir)) {
      const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (packages[key]) return key;
      if (!dir) return undefined;
    }
  };
  const reached = new Set();
  const queue = [""];
  for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
    for (const [name, optional] of edgesOf(/** @type {LockEntry} */ (packages[from]), from === "")) {
      if (optional && !followOptional) continue;
      const key = locate(name, from);
      if (key === undefined && optional) continue;
      if (key === undefined)
        throw new Error(`package-lock.json: ${from || "the root"} needs ${name}, which the lock does not hold`);
      if (reached.has(key)) continue;
      reached.add(key);
      // A workspace is a link to its folder, whose own dependencies are found from there.
      const link = packages[key]?.link ? String(packages[key]?.resolved) : undefined;
      queue.push(link ?? key);
      if (link) reached.add(link);
    }
  }
  return reached;
}

/**
 * @param {Lockfile} lock
 * @returns {Lockfile}
 */
export function productionShrinkwrap(lock) {
  const { packages } = lock;
  const required = closure(lock, false);
  const reached = closure(lock, true);
  const workspaces = new Map(
    Object.entries(packages)
      .filter(([, entry]) => entry.link)
      .map(([key, entry]) => [String(entry.resolved), key]),
  );
  /** A workspace folder's key becomes its link's (packages/client/node_modules/x → node_modules/freedompay-gift-cards-client/node_modules/x). @param {string} key */
  const asInstalled = (key) => {
    for (const [folder, link] of workspaces)
      if (key === folder || key.startsWith(`${folder}/`)) return link + key.slice(folder.length);
    return key;
  };
  const { devDependencies: _dev, workspaces: _ws, ...root } = packages[""] ?? {};
  /** @type {Record<string, LockEntry>} */
  const out = { "": root };
  const keys = [...reached]
    .filter((key) => !packages[key]?.link)
    .sort((a, b) => asInstalled(a).localeCompare(asInstalled(b)));
  for (const key of keys) {
    const entry = Object.fromEntries(
      Object.entries(packages[key] ?? {}).filter(([field]) => !TREE_FLAGS.includes(field)),
    );
    if (workspaces.has(key)) delete entry.name; // a registry package: found by its version, no folder
    out[asInstalled(key)] = required.has(key) ? entry : { ...entry, optional: true };
  }
  return { name: lock.name, version: lock.version, lockfileVersion: lock.lockfileVersion, packages: out };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === "write") {
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
    writeFileSync(SHRINKWRAP, `${JSON.stringify({ ...productionShrinkwrap(lock), requires: true }, null, 2)}\n`);
  } else if (command === "remove") {
    rmSync(SHRINKWRAP, { force: true });
  } else {
    process.stderr.write("usage: node scripts/shrinkwrap.mjs write|remove\n");
    process.exitCode = 2;
  }
}
