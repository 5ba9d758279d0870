// @ts-check
/**
 * The folder import graph of electron/core and its cycles (issue 11, item 4).
 * A folder is the first path segment under electron/core ("orders", "paper", ...); files directly in
 * electron/core (index.ts, types.ts) form the root folder "." and are left out: the composition root
 * imports everything by design. Tests (`*.test.ts`) and test helpers (any `test-support/` folder)
 * are left out as well: a test may set up its subject with any other folder's real code. Run `node scripts/core-folder-cycles.mjs` to print the graph and cycles;
 * scripts/core-folder-cycles.test.ts fails on any cycle.
 */
import fs from 'node:fs';
import path from 'node:path';

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Folder → folders it imports, from the relative imports of every file under `coreDir`.
 * @param {string} coreDir
 * @returns {Map<string, Map<string, string[]>>} folder → (imported folder → importing files)
 */
export function folderGraph(coreDir) {
  /** @type {Map<string, Map<string, string[]>>} */
  const graph = new Map();
  const folderOf = (/** @type {string} */ file) => {
    const rel = path.relative(coreDir, file);
    return rel.startsWith('..') || !rel.includes(path.sep) ? null : rel.split(path.sep)[0];
  };
  for (const file of sourceFiles(coreDir)) {
    const from = folderOf(file);
    if (!from) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec || !spec.startsWith('.')) continue;
      const to = folderOf(path.resolve(path.dirname(file), spec));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), path.relative(coreDir, file)]);
    }
  }
  return graph;
}

/** The file a relative specifier names (`./x` → x.ts, x.tsx or x/index.ts), or null. */
function resolveModule(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/**
 * The module graph reachable from `entry` through relative imports (type-only imports included:
 * a type cycle is still a cycle to read and to refactor), in the shape `folderCycles` takes.
 * @param {string} entry
 * @param {string} rootDir paths in the result are relative to it
 * @returns {Map<string, Map<string, string[]>>}
 */
export function moduleGraph(entry, rootDir) {
  /** @type {Map<string, Map<string, string[]>>} */
  const graph = new Map();
  const todo = [entry];
  const seen = new Set(todo);
  while (todo.length > 0) {
    const file = /** @type {string} */ (todo.pop());
    const from = path.relative(rootDir, file);
    const edges = new Map();
    graph.set(from, edges);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec || !spec.startsWith('.')) continue;
      const target = resolveModule(file, spec);
      if (!target) continue;
      edges.set(path.relative(rootDir, target), [from]);
      if (!seen.has(target)) {
        seen.add(target);
        todo.push(target);
      }
    }
  }
  return graph;
}

/**
 * Every cycle's folders, found as the strongly connected components with more than one folder
 * (Tarjan), each listed with the edges that close it so the message says which files to change.
 * @param {Map<string, Map<string, string[]>>} graph
 * @returns {{ folders: string[], edges: string[] }[]}
 */
export function folderCycles(graph) {
  let next = 0;
  /** @type {Map<string, number>} */ const index = new Map();
  /** @type {Map<string, number>} */ const low = new Map();
  /** @type {string[]} */ const stack = [];
  /** @type {Set<string>} */ const onStack = new Set();
  /** @type {string[][]} */ const components = [];
  const visit = (/** @type {string} */ v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(/** @type {number} */ (low.get(v)), /** @type {number} */ (low.get(w))));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(/** @type {number} */ (low.get(v)), /** @type {number} */ (index.get(w))));
      }
    }
    if (low.get(v) === index.get(v)) {
      /** @type {string[]} */ const component = [];
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((folders) => ({
    folders,
    edges: folders.flatMap((from) =>
      [...(graph.get(from) ?? new Map())]
        .filter(([to]) => folders.includes(to))
        .map(([to, files]) => `${from} → ${to} (${files.join(', ')})`),
    ),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const coreDir = path.resolve(import.meta.dirname, '..', 'electron', 'core');
  const graph = folderGraph(coreDir);
  for (const [from, edges] of [...graph].sort()) console.log(`${from} → ${[...edges.keys()].sort().join(', ')}`);
  const cycles = folderCycles(graph);
  for (const cycle of cycles) console.log(`\ncycle: ${cycle.folders.join(' ↔ ')}\n  ${cycle.edges.join('\n  ')}`);
  if (cycles.length > 0) process.exitCode = 1;
}
