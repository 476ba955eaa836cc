#!/usr/bin/env node
/**
 * The import rules of src/, checked over the TypeScript compiler's own parse of every file (no
 * other tool: typescript is already a dependency). Every static, dynamic and type-only import
 * counts. It reports, one line each:
 * - an import cycle anywhere in src/;
 * - a file under src/proxy or src/contracts that imports src/mock (the mock and the proxy are
 *   siblings on src/http; verify stands on src/http and src/upstream);
 * - a file under src/mock that imports src/contracts (`./mock` stands on its own);
 * - a file under src/http that imports src/mock, src/proxy or src/contracts (it is below them).
 * Usage: `node scripts/check-imports.mjs` — exit code 0 and no output when every rule holds.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Layer rules: files under `from` may not import files under any of `not`. */
export const RULES = [
  { from: "src/proxy/", not: ["src/mock/"] },
  { from: "src/contracts/", not: ["src/mock/"] },
  { from: "src/mock/", not: ["src/contracts/"] },
  { from: "src/http/", not: ["src/mock/", "src/proxy/", "src/contracts/"] },
];

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  /** @type {string[]} */
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts)$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** The relative module specifiers a file names: import/export … from, import(), require(). */
/** @param {string} file @returns {string[]} */
function specifiers(file) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  /** @type {string[]} */
  const found = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const [argument] = node.arguments;
      const named =
        node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require");
      if (named && argument && ts.isStringLiteral(argument)) found.push(argument.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((s) => s.startsWith("."));
}

/** A relative specifier as the file it names (`./x.js` is `./x.ts` in src/), or undefined outside src/. */
/** @param {string} from @param {string} specifier @returns {string | undefined} */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.js$/, ".mts"),
    `${base}.ts`,
    join(base, "index.ts"),
    base,
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The import graph of src/: file → the src/ files it imports (paths relative to the repository). */
/** @returns {Map<string, string[]>} */
export function importGraph(root = ROOT) {
  /** @type {Map<string, string[]>} */
  const graph = new Map();
  for (const file of sourceFiles(join(root, "src"))) {
    const targets = specifiers(file)
      .map((s) => resolveSpecifier(file, s))
      .filter(/** @returns {t is string} */ (t) => t !== undefined && t.startsWith(join(root, "src")));
    graph.set(relative(root, file), [...new Set(targets.map((t) => relative(root, t)))]);
  }
  return graph;
}

/** Every cycle, as its strongly connected component (Tarjan), each listed once. */
/** @param {Map<string, string[]>} graph @returns {string[][]} */
export function cycles(graph) {
  let index = 0;
  /** @type {string[]} */
  const stack = [];
  /** @type {Map<string, { index: number, low: number, onStack: boolean }>} */
  const meta = new Map();
  /** @type {string[][]} */
  const found = [];
  /** @param {string} node */
  const at = (node) => /** @type {{ index: number, low: number, onStack: boolean }} */ (meta.get(node));
  /** @param {string} node */
  const connect = (node) => {
    meta.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!meta.has(next)) {
        connect(next);
        at(node).low = Math.min(at(node).low, at(next).low);
      } else if (at(next).onStack) at(node).low = Math.min(at(node).low, at(next).index);
    }
    if (at(node).low === at(node).index) {
      /** @type {string[]} */
      const component = [];
      let member;
      do {
        member = /** @type {string} */ (stack.pop());
        at(member).onStack = false;
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!meta.has(node)) connect(node);
  return found;
}

/** One line per broken rule; empty when src/ keeps them all. */
export function importProblems(root = ROOT) {
  const graph = importGraph(root);
  const problems = cycles(graph).map((component) => `import cycle: ${component.join(" → ")}`);
  for (const [file, targets] of graph) {
    for (const rule of RULES) {
      if (!file.startsWith(rule.from)) continue;
      for (const target of targets) {
        const banned = rule.not.find((prefix) => target.startsWith(prefix));
        if (banned) problems.push(`${file} imports ${target}: nothing under ${rule.from} may import ${banned}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = importProblems();
  for (const line of problems) process.stderr.write(`${line}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
