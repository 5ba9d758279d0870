import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { useOfflineCore } from '../test-support/offline-core';

const harness = useOfflineCore({ sessionId: 'settings-test', core: { replayClock: () => Date.UTC(2024, 0, 1) } });
const { start, call, refusal } = harness;

const marketBuy = { accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { unit: 'quote', amount: 1000 } };
interface Preview {
  referencePrice: number;
  fee: { rate: number } | null;
  slippage: { reference: number; price: number } | null;
}

describe('settings in core', () => {
  it('starts from the defaults, keeps a change across a restart, and audit-logs it', async () => {
    await start();
    expect(await call('settings.get')).toMatchObject({ version: 2, numberFormat: 'point', timeZone: 'utc', theme: 'dark' });
    await call('settings.update', { numberFormat: 'comma', theme: 'light', timeZone: 'local', firstRunDismissed: true });
    await harness.stop();
    await start();
    expect(await call('settings.get')).toMatchObject({ numberFormat: 'comma', theme: 'light', timeZone: 'local', firstRunDismissed: true });
    const audit = await call<Array<{ kind: string; summary: string }>>('audit.list', { kinds: ['settings.changed'] });
    expect(audit.map((a) => a.summary)).toContainEqual(expect.stringContaining('theme dark → light'));
  });

  it('refuses invalid values with what a valid one is, and changes nothing', async () => {
    await start();
    const fee = await refusal('settings.update', { trading: { paperFeePct: 25 } });
    expect(fee.code).toBe('invalid_input');
    expect(fee.message).toContain('input.trading.paperFeePct: The paper fee is a percentage of the trade');
    const theme = await refusal('settings.update', { theme: 'neon' });
    expect(theme.message).toContain('input.theme: the theme is "dark" or "light"');
    const slip = await refusal('settings.update', { trading: { backtestSlippageBps: -1 } });
    expect(slip.message).toContain('The backtest slippage cannot be negative');
    expect((await call<{ theme: string; trading: { paperFeePct: number } }>('settings.get')).trading.paperFeePct).toBe(0.1);
  });

  it('names the data folder when the host has no desktop to open it on', async () => {
    await start();
    expect(await call('settings.openDataFolder')).toEqual({ dir: harness.dir, opened: false });
  });

  it('migrates a stored version 1 document to the current one on read', async () => {
    await start();
    await harness.stop();
    const db = openDatabase(harness.dir);
    db.prepare('INSERT INTO app_settings (id, version, document, updated_at) VALUES (1, 1, ?, 0)').run(
      JSON.stringify({ version: 1, decimalMark: ',', theme: 'light', feeRate: 0.002, slippageBps: 12 }),
    );
    db.close();
    await start();
    expect(await call('settings.get')).toEqual({
      version: 2,
      numberFormat: 'comma',
      timeZone: 'utc',
      theme: 'light',
      trading: { paperFeePct: 0.2, paperSlippageBps: 12, backtestFeePct: 0.2, backtestSlippageBps: 12 },
      firstRunDismissed: true,
      optimiser: { redisUrl: null, fallbackLocal: false },
    });
  });

  it('charges the paper fee and default slippage from the settings in the next preview', async () => {
    await start();
    const before = await call<Preview>('orders.preview', marketBuy);
    expect(before.fee?.rate).toBe(0.001);
    expect(before.slippage!.price / before.slippage!.reference).toBeCloseTo(1.0005, 6);
    await call('settings.update', { trading: { paperFeePct: 0.25, paperSlippageBps: 20 } });
    const after = await call<Preview>('orders.preview', marketBuy);
    expect(after.fee?.rate).toBe(0.0025);
    expect(after.slippage!.price / after.slippage!.reference).toBeCloseTo(1.002, 6);
  });

  it('resets the paper account to a chosen balance after a typed confirmation, cancelling its open orders', async () => {
    await start();
    const preview = await call<Preview>('orders.preview', marketBuy);
    await call('orders.place', {
      ...marketBuy,
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: Math.floor(preview.referencePrice * 0.8),
    });
    const unconfirmed = await refusal('settings.resetPaper', { startingBalance: 2500, confirmation: 'yes' });
    expect(unconfirmed.message).toContain('type RESET to confirm');
    const tooSmall = await refusal('settings.resetPaper', { startingBalance: 1, confirmation: 'RESET' });
    expect(tooSmall.message).toContain('at least 10 USDT');

    expect(await call('settings.resetPaper', { startingBalance: 2500, confirmation: 'RESET' })).toEqual({
      startingBalance: 2500,
      asset: 'USDT',
      cancelledOrders: 1,
    });
    const snapshot = await call<{ accounts: Array<{ balances: Array<{ asset: string; free: number; used: number }> }> }>(
      'portfolio.snapshot',
      {},
    );
    expect(snapshot.accounts[0]!.balances).toEqual([expect.objectContaining({ asset: 'USDT', free: 2500, used: 0 })]);
    const open = await call<unknown[]>('orders.list', { accountId: 'paper', status: 'open' });
    expect(open).toEqual([]);
    const audit = await call<Array<{ summary: string }>>('audit.list', { kinds: ['settings.changed'] });
    expect(audit.map((a) => a.summary)).toContainEqual('Paper account reset to 2500.00 USDT (1 open paper orders cancelled)');
  });
});
