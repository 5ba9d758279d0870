/**
 * Wallet-key venues through a real core: the catalogue tells the form which private key to ask
 * for, and `accounts.add` refuses a main wallet key (its address is the account's wallet address)
 * before anything is stored or sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { startReferenceCore, type ReferenceCore } from '../test-support/reference-core';

const MAIN_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const MAIN_ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';

let h: ReferenceCore | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('wallet-key venues', () => {
  it('names the key Hyperliquid expects in the catalogue, and refuses its main wallet key with what to do instead', async () => {
    h = await startReferenceCore('offline');
    const catalog = await h.value<Array<{ id: string; credentials: string[]; keyHint?: string }>>('exchanges.catalog');
    const hyperliquid = catalog.find((e) => e.id === 'hyperliquid');
    expect(hyperliquid?.credentials).toEqual(['privateKey', 'walletAddress']);
    expect(hyperliquid?.keyHint).toMatch(/API wallet \(agent\) private key, never your main wallet's private key/);
    expect(catalog.find((e) => e.id === 'binance')?.keyHint).toBeUndefined();

    const result = await h.core.invoke(
      'accounts.add',
      { exchangeId: 'hyperliquid', label: 'HL', sandbox: false, credentials: { privateKey: MAIN_KEY, walletAddress: MAIN_ADDRESS } },
      { sessionId: 'wallet-test' },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/main wallet key.*generate an API wallet/s) },
    });
    expect((await h.value<AccountDetail[]>('accounts.details')).map((a) => a.exchangeId)).not.toContain('hyperliquid');
  });
});
