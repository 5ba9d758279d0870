/** Folder → (imported folder → importing files), from the relative imports of the non-test files under `coreDir`. */
export function folderGraph(coreDir: string): Map<string, Map<string, string[]>>;
/** Every cycle of the graph (a strongly connected set of folders) with the edges that close it. */
export function folderCycles(graph: Map<string, Map<string, string[]>>): { folders: string[]; edges: string[] }[];
/** The module graph reachable from `entry` through relative imports (type-only ones included), paths relative to `rootDir`. */
export function moduleGraph(entry: string, rootDir: string): Map<string, Map<string, string[]>>;
