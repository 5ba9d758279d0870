import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, moduleGraph } from './core-folder-cycles.mjs';

const rendererDir = path.resolve(import.meta.dirname, '..', 'renderer');

describe("the store's type", () => {
  it('has no import cycle: slices import store/slice.ts, never the store type that imports them', () => {
    const graph = moduleGraph(path.join(rendererDir, 'store', 'index.ts'), rendererDir);
    expect(folderCycles(graph).map((cycle) => cycle.folders.join(' → '))).toEqual([]);
  });

  it('keeps each feature slice in its feature folder', () => {
    const slices = [...moduleGraph(path.join(rendererDir, 'store', 'index.ts'), rendererDir).keys()].filter((file) =>
      file.endsWith('-slice.ts'),
    );
    const inStore = slices.filter((file) => file.startsWith(`store${path.sep}`)).sort();
    // Only the app-level slices (connection, start-up, which workspace is shown) live in store/.
    expect(inStore).toEqual([path.join('store', 'app-slice.ts'), path.join('store', 'workspace-slice.ts')]);
  });
});
