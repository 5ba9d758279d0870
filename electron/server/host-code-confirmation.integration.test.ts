/**
 * The headless host's trusted confirmation end to end: `tradewind serve` as a real process, a
 * WebSocket client standing for the (possibly compromised) browser, the code read from the
 * host's stderr as the person at its terminal would, and typed back over the WebSocket.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../../e2e/fake-exchange';
import type { AccountDetail, AuditEntry } from '../../shared/ipc/schemas/accounts';
import type { OrderSettings } from '../../shared/ipc/schemas/orders';
import type { AccountLimits } from '../../shared/ipc/schemas/trust';
import { makeTempDir } from '../core/test-support/temp-dir';
import { lastCodeLine, nextHostCode } from './reliability/host-code';
import { spawnHost, type HostProcess, type RpcError } from './reliability/host-process';

const KEY = { apiKey: 'headless-trust-key-HHHH', secret: 'headless-trust-secret' };

let host: HostProcess | undefined;
let fake: FakeBinance | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  await host?.stop();
  await fake?.close();
  temp?.cleanup();
  host = fake = temp = undefined;
});

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { code: (error as RpcError).code, message: (error as Error).message };
  }
  throw new Error('the call was expected to be refused');
}

describe('headless host: one-time code on its own terminal', { timeout: 90_000 }, () => {
  it('prints a code bound to the request on stderr; only that code, once, typed back over the WebSocket, does it', async () => {
    fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true, withdraw: false } }] });
    fake.setBalance(KEY.apiKey, 'USDT', '1000');
    temp = makeTempDir();
    host = await spawnHost({
      dataDir: temp.dir,
      env: {
        TRADEWIND_OFFLINE: '1',
        TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: fake.url }),
        TRADEWIND_SECRET_STORE: 'encrypted-file',
        TRADEWIND_SECRET_PASSPHRASE: 'headless trust passphrase 2026',
      },
    });
    const rpc = host.rpc;
    const account = await rpc.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Headless',
      sandbox: false,
      credentials: KEY,
    });
    const off = { accountId: account.id, confirmOrders: false };

    // The renderer's request alone: refused, and the code goes to the host's terminal only.
    const asked = await refusal(rpc.call('orders.updateSettings', off));
    expect(asked.code).toBe('confirmation_code_required');
    expect(asked.message).toContain('Enter the code printed by the host');
    expect(asked.message).not.toMatch(/\d{3}-\d{3}/);
    const printed = await nextHostCode(host, null);
    expect(printed.line).toMatch(
      /^CONFIRMATION CODE \d{3}-\d{3} — Turn off order confirmations: orders on the live account "Headless" .*Valid 2 min, once\./,
    );

    // A wrong code, and the right code for another request, are refused.
    const wrong = printed.code === '000-000' ? '111-111' : '000-000';
    expect(await refusal(rpc.call('orders.updateSettings', { ...off, confirmationCode: wrong }))).toEqual({
      code: 'confirmation_code_invalid',
      message: 'confirmation_code_invalid: That is not the code the host printed for "Turn off order confirmations" (4 tries left).',
    });
    expect(
      (await refusal(rpc.call('limits.set', { accountId: account.id, maxOrderNotional: 2_000, confirmationCode: printed.code }))).code,
    ).toBe('confirmation_code_invalid');
    expect((await rpc.call<OrderSettings>('orders.settings', { accountId: account.id })).confirmOrders).toBe(true);

    // The right code for this request: done. Then it is spent.
    expect((await rpc.call<OrderSettings>('orders.updateSettings', { ...off, confirmationCode: printed.code })).confirmOrders).toBe(false);
    await rpc.call('orders.updateSettings', { accountId: account.id, confirmOrders: true });
    expect(await refusal(rpc.call('orders.updateSettings', { ...off, confirmationCode: printed.code }))).toMatchObject({
      code: 'confirmation_code_invalid',
      message: expect.stringContaining('No valid code'),
    });

    // Limits change the same way.
    const before = lastCodeLine(host.stderr())?.line ?? null;
    expect((await refusal(rpc.call('limits.set', { accountId: account.id, maxOrderNotional: 2_000 }))).code).toBe(
      'confirmation_code_required',
    );
    const limitCode = await nextHostCode(host, before);
    expect(limitCode.line).toContain('Change the live-order limits of "Headless": per order 1,000 USD → 2,000 USD');
    expect(
      (await rpc.call<AccountLimits>('limits.set', { accountId: account.id, maxOrderNotional: 2_000, confirmationCode: limitCode.code }))
        .maxOrderNotional,
    ).toBe(2_000);

    const audit = await rpc.call<AuditEntry[]>('audit.list', {
      accountId: account.id,
      kinds: ['trust.approved', 'trust.denied', 'settings.changed', 'limits.changed'],
    });
    expect(audit.map((e) => e.kind).reverse()).toEqual([
      'trust.denied',
      'trust.denied',
      'trust.approved',
      'settings.changed',
      'settings.changed',
      'trust.denied',
      'trust.approved',
      'limits.changed',
    ]);
    expect(audit.find((e) => e.kind === 'trust.approved')!.summary).toContain('(confirmed with the code printed by the headless host)');
    // The code itself is never written to the audit log.
    expect(audit.some((e) => e.summary.includes(printed.code) || e.summary.includes(limitCode.code))).toBe(false);
  });
});
