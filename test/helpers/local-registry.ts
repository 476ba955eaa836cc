/**
 * An npm registry of our own on 127.0.0.1, so that a test's install gets exactly the tree this
 * repo tested, on a fresh machine too, with no packument ever fetched from the network.
 *
 * It serves (a) our packed tarballs, each with a packument built from its own package.json
 * (`_hasShrinkwrap` set when it ships an npm-shrinkwrap.json, as the registry sets it on
 * publish: npm honours a dependency's shrinkwrap only then), and (b) a packument for every other
 * package in package-lock.json, synthesized from the lock: the locked versions only, with their
 * dependencies, bins, engines, os/cpu/libc and integrity. Their tarballs are not served here:
 * npm finds them in its cache by integrity (the repo's `npm ci` put them there), or else fetches
 * them from registry.npmjs.org. A package outside the tested tree is a 404, and is listed in
 * `missing` so the test can say which — except the optional peer dependencies of locked
 * packages (vite's `sass`, `less`, …): npm looks each up and installs none.
 *
 * Install with `npmArgs(registry)` (registry, prefer-offline, no audit, the tarball hosts kept)
 * and `npmEnv()`, from an asynchronous child process (`execFile`, not `execFileSync`): the
 * registry answers from this process's event loop, which a synchronous wait would block forever.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { basename } from "node:path";

type Manifest = Record<string, unknown> & { name: string; version: string };
type Packument = { name: string; "dist-tags": { latest: string }; versions: Record<string, Manifest> };

export interface LocalRegistry {
  /** With a trailing slash, as npm's `--registry` wants it. */
  url: string;
  /** Package names asked for that the registry does not have. */
  missing: string[];
  close(): Promise<void>;
}

// Flags npm computed for the repo's own tree, and fields that are not part of a manifest.
const NOT_MANIFEST = new Set(["dev", "devOptional", "optional", "peer", "link", "resolved", "integrity", "inBundle", "extraneous"]);
const PUBLIC_REGISTRY = "https://registry.npmjs.org";

/** `@scope/name@1.2.3` → `…/@scope/name/-/name-1.2.3.tgz`, the public registry's tarball address. */
const publicTarball = (name: string, version: string) => `${PUBLIC_REGISTRY}/${name}/-/${name.slice(name.lastIndexOf("/") + 1)}-${version}.tgz`;

/** Orders x.y.z versions (pre-releases after nothing: enough to pick a `latest` among locked versions). */
function newer(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[.+-]/).slice(0, 3).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return (x[i] ?? 0) > (y[i] ?? 0);
  return false;
}

function add(packuments: Map<string, Packument>, manifest: Manifest): void {
  const packument = packuments.get(manifest.name) ?? { name: manifest.name, "dist-tags": { latest: manifest.version }, versions: {} };
  packument.versions[manifest.version] = manifest;
  if (newer(manifest.version, packument["dist-tags"].latest)) packument["dist-tags"].latest = manifest.version;
  packuments.set(manifest.name, packument);
}

/**
 * Packuments for every registry package of a lockfile (workspace links and folders left out);
 * returns the names that are only ever optional peer dependencies there.
 */
function fromLockfile(lockfile: string, packuments: Map<string, Packument>): Set<string> {
  const lock = JSON.parse(readFileSync(lockfile, "utf8")) as { packages: Record<string, Record<string, unknown>> };
  const optionalPeers = new Set<string>();
  for (const entry of Object.values(lock.packages)) {
    const meta = (entry.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
    for (const [name, { optional }] of Object.entries(meta)) if (optional) optionalPeers.add(name);
  }
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.includes("node_modules/") || entry.link || typeof entry.integrity !== "string") continue;
    const name = typeof entry.name === "string" ? entry.name : key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const version = String(entry.version);
    const fields = Object.fromEntries(Object.entries(entry).filter(([field]) => !NOT_MANIFEST.has(field)));
    const tarball = typeof entry.resolved === "string" && entry.resolved.startsWith("http") ? entry.resolved : publicTarball(name, version);
    add(packuments, { ...fields, name, version, dist: { tarball, integrity: entry.integrity } });
  }
  return optionalPeers;
}

/**
 * Starts the registry with the lockfile's packages and our packed tarballs (which win over the
 * lock for their own name).
 */
export async function startLocalRegistry({ lockfile, tarballs }: { lockfile: string; tarballs: string[] }): Promise<LocalRegistry> {
  const packuments = new Map<string, Packument>();
  const optionalPeers = fromLockfile(lockfile, packuments);
  const files = new Map<string, string>();
  const ours: Manifest[] = [];
  for (const tarball of tarballs) {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as Manifest;
    const bytes = readFileSync(tarball);
    files.set(basename(tarball), tarball);
    packuments.delete(manifest.name);
    ours.push({
      ...manifest,
      _hasShrinkwrap: listing.includes("package/npm-shrinkwrap.json"),
      dist: {
        tarball: basename(tarball), // made absolute once the port is known
        integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
        shasum: createHash("sha1").update(bytes).digest("hex"),
      },
    });
  }
  const missing: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).slice(1);
    const file = path.startsWith("-/tarballs/") ? files.get(path.slice("-/tarballs/".length)) : undefined;
    if (file) {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return void res.end(readFileSync(file));
    }
    const packument = packuments.get(path);
    if (!packument) {
      if (!optionalPeers.has(path)) missing.push(path);
      res.writeHead(404, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ error: `${path} is not in the tested tree (package-lock.json)` }));
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  for (const manifest of ours) {
    const dist = manifest.dist as { tarball: string };
    add(packuments, { ...manifest, dist: { ...dist, tarball: `${url}-/tarballs/${dist.tarball}` } });
  }
  return {
    url,
    missing,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** npm flags for an install from this registry, tarballs from the cache first. */
export function npmArgs(registry: LocalRegistry): string[] {
  return [
    `--registry=${registry.url}`,
    "--prefer-offline",
    // Tarball addresses stay on registry.npmjs.org (used only on a cache miss), not rewritten to ours.
    "--replace-registry-host=never",
    "--no-audit",
    "--no-fund",
    "--no-update-notifier",
    "--loglevel=error",
  ];
}

/**
 * The environment for an npm run in another project: this process's, without what an enclosing
 * `npm test` sets about this repo (its prefix, package and lifecycle), keeping its cache.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_config_local_prefix|npm_package_|npm_lifecycle_|INIT_CWD$)/i.test(name)),
  );
}
