import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../electron/core/test-support/temp-dir';
import { folderCycles, folderGraph } from './core-folder-cycles.mjs';

const coreDir = path.resolve(import.meta.dirname, '..', 'electron', 'core');

describe('electron/core folder imports', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => temp?.cleanup());

  function plant(files: Record<string, string>): string {
    temp = makeTempDir('folder-cycles');
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(temp.dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    return temp.dir;
  }

  it('form no cycle (a folder never reaches itself through the folders it imports)', () => {
    const cycles = folderCycles(folderGraph(coreDir));
    expect(cycles.map((c) => `${c.folders.join(' ↔ ')}\n  ${c.edges.join('\n  ')}`)).toEqual([]);
  });

  it('a planted cycle is found, with the files that close it', () => {
    const dir = plant({
      'orders/order.ts': "import { fill } from '../paper/fill';\nexport const order = fill;\n",
      'paper/fill.ts': "import type { Order } from '../orders/types';\nexport const fill = 1 as unknown as Order;\n",
      'orders/types.ts': 'export type Order = number;\n',
      'exchange/rules.ts': 'export const rules = 1;\n',
      'paper/rules-user.ts': "export { rules } from '../exchange/rules';\n",
    });
    expect(folderCycles(folderGraph(dir))).toEqual([
      { folders: ['orders', 'paper'], edges: ['orders → paper (orders/order.ts)', 'paper → orders (paper/fill.ts)'] },
    ]);
  });

  it('tests and test-support folders do not count: a test may build its subject from any folder', () => {
    const dir = plant({
      'orders/order.ts': 'export const order = 1;\n',
      'paper/fill.ts': "import { order } from '../orders/order';\nexport const fill = order;\n",
      'orders/order.test.ts': "import { fill } from '../paper/fill';\nexport const x = fill;\n",
      'test-support/harness.ts': "import { fill } from '../paper/fill';\nexport const h = fill;\n",
      'orders/uses-harness.test.ts': "import { h } from '../test-support/harness';\nexport const y = h;\n",
    });
    expect(folderCycles(folderGraph(dir))).toEqual([]);
    expect([...(folderGraph(dir).get('paper')?.keys() ?? [])]).toEqual(['orders']);
  });
});
