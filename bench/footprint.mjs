// @ts-nocheck -- rewritten by the client/mock benchmark work (issues 9 and 11): it still imports the removed bench/util.mjs
/**
 * Footprint: what the packed package weighs, and what a consumer gets on disk when installing
 * it with production dependencies only. The tarball is packed from this work tree (dist/ must
 * be built), then installed into an empty temporary project with
 * `npm install --offline --omit=dev <tarball>` — from the npm cache `npm ci` filled, never the
 * network. Temporary directories are removed at the end.
 *
 * Sizes are disk usage (512-byte blocks, like `du -sk`). For each of our direct dependencies,
 * "brings" is every package reachable from it; "only via it" is what nobody else needs, i.e.
 * what moving it out of `dependencies` would save a consumer.
 *
 * Run alone: `npm run build && node bench/footprint.mjs`
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, fmtBytes, heading, isMain, table } from "./util.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function npm(args, cwd) {
  const child = spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (child.status !== 0) {
    const reason = (child.stderr || child.stdout).split("\n").find((line) => line.includes("error")) ?? `exit ${child.status}`;
    throw new Error(`footprint benchmark: \`npm ${args.join(" ")}\` failed: ${reason.trim()}`);
  }
  return child.stdout;
}

/** Disk usage of a directory tree in bytes (allocated blocks), optionally skipping nested node_modules. */
export function diskUsage(dir, { skipNodeModules = false } = {}) {
  let bytes = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    const stat = lstatSync(current);
    bytes += stat.blocks * 512;
    if (!stat.isDirectory()) continue;
    for (const entry of readdirSync(current)) {
      if (skipNodeModules && entry === "node_modules") continue;
      stack.push(join(current, entry));
    }
  }
  return bytes;
}

/** Every installed package directory under a node_modules tree (nested ones included). */
export function packageDirs(nodeModules) {
  const found = [];
  const visit = (modules) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      const dirs = entry.startsWith("@") ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name)) : [join(modules, entry)];
      for (const dir of dirs) {
        if (!lstatSync(dir).isDirectory() || !existsSync(join(dir, "package.json"))) continue;
        found.push(dir);
        visit(join(dir, "node_modules"));
      }
    }
  };
  visit(nodeModules);
  return found;
}

/** Where Node (and npm's layout) finds `name` for a package at `from`: the nearest node_modules upwards. */
function resolvePackage(name, from, top) {
  let dir = from;
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === top) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The package directories reachable from `start` through installed dependencies. */
function reachable(start, top) {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    const dir = stack.pop();
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const names = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    for (const name of names) {
      const found = resolvePackage(name, dir, top);
      if (found && !seen.has(found)) {
        seen.add(found);
        stack.push(found);
      }
    }
  }
  return seen;
}

/**
 * The packages an entry module loads when imported: static `import … from "x"` / `export … from
 * "x"` followed through relative files (dynamic `import()` is lazy and left out, as it loads
 * only when that path runs). Node built-ins are left out.
 */
export function staticPackageImports(entry) {
  const files = new Set([entry]);
  const packages = new Set();
  const pattern = /^\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']/gm;
  for (const file of files) {
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(pattern)) {
      if (specifier.startsWith(".")) files.add(join(dirname(file), specifier));
      else if (!specifier.startsWith("node:")) packages.add(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
    }
  }
  return [...packages].sort();
}

/**
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function run({ log = console.log } = {}) {
  const command = "npm run build && node bench/footprint.mjs";
  log(heading("Footprint (packed package, and a consumer's production install)", command));
  const [packed] = JSON.parse(npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT));
  log(
    table([
      ["package", "tarball", "unpacked", "files"],
      [`${packed.name}@${packed.version}`, fmtBytes(packed.size), fmtBytes(packed.unpackedSize), String(packed.entryCount)],
    ]),
  );

  const work = mkdtempSync(join(tmpdir(), "fp-giftcards-bench-footprint-"));
  try {
    const [tarball] = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], ROOT));
    const consumer = join(work, "consumer");
    mkdirSync(consumer);
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    const start = performance.now();
    npm(["install", "--offline", "--omit=dev", "--no-audit", "--no-fund", join(work, tarball.filename)], consumer);
    const installSeconds = (performance.now() - start) / 1000;

    const modules = join(consumer, "node_modules");
    const total = diskUsage(modules);
    const packages = packageDirs(modules);
    const ownSize = new Map(packages.map((dir) => [dir, diskUsage(dir, { skipNodeModules: true })]));
    const label = (dir) => dir.slice(modules.length + 1).replaceAll("/node_modules/", " > ");
    log(`\nconsumer install: ${fmtBytes(total)} in node_modules, ${packages.length} packages, ${fmt(installSeconds, 1)} s (offline, from the npm cache)`);

    const byTopLevel = packages
      .filter((dir) => !dir.slice(modules.length + 1).includes("/node_modules/"))
      .map((dir) => [label(dir), diskUsage(dir)])
      .sort((a, b) => b[1] - a[1]);
    log("\nBiggest installed packages (top 10, each with its nested node_modules):");
    log(table([["package", "size", "share"], ...byTopLevel.slice(0, 10).map(([name, bytes]) => [name, fmtBytes(bytes), `${fmt((100 * bytes) / total, 1)}%`])]));

    const ours = join(modules, packed.name);
    const manifest = JSON.parse(readFileSync(join(ours, "package.json"), "utf8"));
    const direct = Object.keys(manifest.dependencies ?? {}).map((name) => [name, resolvePackage(name, ours, consumer)]).filter(([, dir]) => dir);
    const closures = new Map(direct.map(([name, dir]) => [name, reachable(dir, consumer)]));
    const sum = (dirs) => [...dirs].reduce((acc, dir) => acc + (ownSize.get(dir) ?? 0), 0);
    const rows = direct.map(([name]) => {
      const closure = closures.get(name);
      const others = new Set(direct.filter(([other]) => other !== name).flatMap(([other]) => [...closures.get(other)]));
      const only = [...closure].filter((dir) => !others.has(dir));
      return { name, brings: sum(closure), count: closure.size, only: sum(only), onlyCount: only.length };
    });
    rows.sort((a, b) => b.only - a.only);
    const clientPackages = staticPackageImports(join(ours, manifest.main));
    const clientClosure = new Set(clientPackages.flatMap((name) => [...reachable(resolvePackage(name, ours, consumer), consumer)]));
    const clientBytes = sum(clientClosure) + diskUsage(ours, { skipNodeModules: true });
    log("\nWhat each direct dependency brings (packages reachable from it; \"only via it\" = saved if it left `dependencies`):");
    log(
      table([
        ["dependency", "brings", "packages", "only via it", "packages only via it"],
        ...rows.map((row) => [row.name, fmtBytes(row.brings), String(row.count), fmtBytes(row.only), String(row.onlyCount)]),
      ]),
    );
    log(
      `\nWhat \`import { createGiftCardsClient } from "${packed.name}"\` loads: ${clientPackages.join(", ")} — ` +
        `${clientClosure.size} packages, ${fmtBytes(clientBytes)} with the package itself (${fmt((100 * clientBytes) / total, 1)}% of the install)`,
    );
    return {
      name: "footprint",
      command,
      summary: [
        ["tarball / unpacked / files", `${fmtBytes(packed.size)} / ${fmtBytes(packed.unpackedSize)} / ${packed.entryCount}`, "", ""],
        ["consumer node_modules (prod)", `${fmtBytes(total)}, ${packages.length} packages`, "reported", ""],
        ["of which the client's imports need", `${fmtBytes(clientBytes)}, ${clientClosure.size} packages`, "", ""],
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) await run();
