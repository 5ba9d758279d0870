/**
 * Test helper run as a child process (`node --import tsx keychain-child.ts <op>...`), so a test
 * can put the real KeychainSecretStore inside a D-Bus session of its choosing (none, no Secret
 * Service, absent or locked keyring). Prints one JSON line per op: { op, ok, value | code, message }.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isSecretStoreError } from '../errors';
import { KeychainSecretStore } from '../keychain-store';
import { openSecretStore } from '../select-store';

export const CHILD_REF = { accountId: 'child-acct', version: 1 };
export const CHILD_CREDENTIALS = { apiKey: 'child-api-key-1234', secret: 'child-secret-abcdef' };

const store = new KeychainSecretStore({ probeTimeoutMs: 10_000 });

const ops: Record<string, () => Promise<unknown>> = {
  probe: () => store.probe(),
  seed: () => store.set(CHILD_REF, CHILD_CREDENTIALS),
  get: () => store.get(CHILD_REF),
  // An entry that was never written: a locked keyring answers its lookup with "not found".
  'get-absent': () => store.get({ accountId: 'never-written', version: 1 }),
  list: () => store.list(),
  delete: () => store.delete(CHILD_REF),
  select: async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tradewind-select-'));
    try {
      return (await openSecretStore({ dataDir, env: {} })).kind;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

for (const op of process.argv.slice(2)) {
  const run = ops[op];
  if (!run) throw new Error(`unknown op ${op}`);
  try {
    const value = await run();
    console.log(JSON.stringify({ op, ok: true, value: value ?? null }));
  } catch (err) {
    const code = isSecretStoreError(err) ? err.code : 'unexpected';
    const message = err instanceof Error ? err.message : String(err);
    console.log(JSON.stringify({ op, ok: false, code, message }));
  }
}
