/**
 * The passphrase as both hosts hand it to core: Electron leaves it to core (environment or file),
 * the headless host passes what it read (stdin, prompt). Real core, offline, encrypted file store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../index';
import type { Core } from '../types';
import { makeTempDir } from '../test-support/temp-dir';

let temp: ReturnType<typeof makeTempDir> | undefined;
let core: Core | undefined;
const saved = { store: process.env.TRADEWIND_SECRET_STORE, pass: process.env.TRADEWIND_SECRET_PASSPHRASE };

afterEach(async () => {
  await core?.close();
  core = undefined;
  temp?.cleanup();
  for (const [key, value] of [
    ['TRADEWIND_SECRET_STORE', saved.store],
    ['TRADEWIND_SECRET_PASSPHRASE', saved.pass],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const addBinance = (c: Core) =>
  c.invoke(
    'accounts.add',
    { exchangeId: 'binance', label: 'Main', sandbox: false, credentials: { apiKey: 'k'.repeat(20), secret: 's'.repeat(20) } },
    { sessionId: 's' },
  );

describe('the encrypted store passphrase in core', () => {
  it('takes TRADEWIND_SECRET_PASSPHRASE out of process.env when core starts, with a warning', async () => {
    temp = makeTempDir();
    process.env.TRADEWIND_SECRET_STORE = 'encrypted-file';
    process.env.TRADEWIND_SECRET_PASSPHRASE = 'tooshort1';
    const lines: string[] = [];
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: (line) => lines.push(line) });
    expect(process.env.TRADEWIND_SECRET_PASSPHRASE).toBeUndefined();
    expect(lines.join('\n')).toMatch(/TRADEWIND_SECRET_PASSPHRASE was read and removed/);
    // The value taken from the environment is the one core uses: too short, with its own code.
    expect(await addBinance(core)).toMatchObject({
      ok: false,
      error: { code: 'passphrase_too_short', message: expect.stringMatching(/has 9 characters.*at least 12/) },
    });
  });

  it('uses the passphrase the host read (stdin, prompt) and refuses a short one as passphrase_too_short', async () => {
    temp = makeTempDir();
    process.env.TRADEWIND_SECRET_STORE = 'encrypted-file';
    delete process.env.TRADEWIND_SECRET_PASSPHRASE;
    core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {}, secretPassphrase: 'short-pass' });
    const refused = await addBinance(core);
    expect(refused).toMatchObject({ ok: false, error: { code: 'passphrase_too_short' } });
    expect(JSON.stringify(refused)).not.toContain('short-pass');
  });
});
