import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['electron/core/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/bad.ts', "import React from 'react';\nexport const x = React;\n"],
    ['electron/core/bad.ts', "import { x } from '../main/window';\nexport const y = x;\n"],
    ['shared/bad.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['shared/bad.ts', "import { createCore } from '../electron/core/index';\nexport const x = createCore;\n"],
    ['shared/bad.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['shared/bad.ts', "import fs from 'fs';\nexport const x = fs;\n"],
    ['shared/bad.ts', "import path from 'path';\nexport const x = path;\n"],
    ['shared/bad.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
    ['electron/core/orders/bad.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
    ['electron/core/market-data/live/bad.ts', "import type { Exchange } from 'ccxt';\nexport type X = Exchange;\n"],
    ['electron/core/orders/bad.test.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
    ['electron/main/bad.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
    ['renderer/bad.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
    ['electron/core/orders/bad.ts', "import { startFakeBinance } from '../../../e2e/fake-exchange';\nexport const x = startFakeBinance;\n"],
    [
      'electron/core/exchange/bad.ts',
      "import { startFakeBinance } from '../../../e2e/fake-exchange';\nexport const x = startFakeBinance;\n",
    ],
    ['renderer/bad.ts', "import { createCore } from '../electron/core/index';\nexport const x = createCore;\n"],
    ['renderer/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['electron/preload/bad.ts', "import { createCore } from '../core/index';\nexport const x = createCore;\n"],
    ['electron/main/bad.ts', "import { App } from '../../renderer/App';\nexport const x = App;\n"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['electron/core/ok.ts', "import { methods } from '../../shared/ipc/contract';\nexport const x = methods;\n"],
    [
      'electron/main/ok.ts',
      "import { app } from 'electron';\nimport { createCore } from '../core/index';\nexport const x = [app, createCore];\n",
    ],
    [
      'electron/preload/ok.ts',
      "import { contextBridge } from 'electron';\nimport { methods } from '../../shared/ipc/contract';\nexport const x = [contextBridge, methods];\n",
    ],
    ['renderer/ok.ts', "import { methods } from '../shared/ipc/contract';\nexport const x = methods;\n"],
    ['electron/core/exchange/ok.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
    [
      'electron/core/exchange/ok.test.ts',
      "import ccxt from 'ccxt';\nimport { startFakeBinance } from '../../../e2e/fake-exchange';\nexport const x = [ccxt, startFakeBinance];\n",
    ],
    [
      'electron/core/orders/ok.test.ts',
      "import { startFakeBinance } from '../../../e2e/fake-exchange';\nexport const x = startFakeBinance;\n",
    ],
    [
      'electron/core/test-support/ok.ts',
      "import { startFakeBinance } from '../../../e2e/fake-exchange';\nexport const x = startFakeBinance;\n",
    ],
    ['e2e/fake-exchange/ok.test.ts', "import ccxt from 'ccxt';\nexport const x = ccxt;\n"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });

  it("an ExchangeClient's ccxt instance is read only inside electron/core/exchange/", async () => {
    const code =
      "import type { ExchangeClient } from '../exchange/exchange-client';\nexport const f = (c: ExchangeClient) => c.ccxt.fetchBalance();\n";
    const syntaxErrors = async (filePath: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    };
    expect(await syntaxErrors('electron/core/portfolio/bad.ts')).toEqual([expect.stringContaining('ExchangeClient.ccxt')]);
    expect(await syntaxErrors('electron/core/exchange/ok.ts')).toEqual([]);
  });
});
