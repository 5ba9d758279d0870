import { describe, expect, it, vi } from 'vitest';
import type { TradewindBridge } from '../../../shared/ipc/bridge';
import { TradewindError } from '../../../shared/ipc/errors';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { createRpcClient } from './client';
import { RpcCallError } from './rpc-error';

describe('createRpcClient', () => {
  it('unwraps an ok envelope into the value and passes method and input through', async () => {
    const bridge = new MemoryBridge({ 'accounts.list': () => [PAPER_ACCOUNT] });
    const client = createRpcClient(bridge);

    await expect(client.call('accounts.list')).resolves.toEqual([PAPER_ACCOUNT]);
    bridge.setHandler('market.watch', (input) => ({ symbols: input.symbols }));
    await expect(client.call('market.watch', { accountId: 'paper-1', symbols: ['BTC/USDT'] })).resolves.toEqual({
      symbols: ['BTC/USDT'],
    });
    expect(bridge.calls).toEqual([
      { method: 'accounts.list', input: undefined },
      { method: 'market.watch', input: { accountId: 'paper-1', symbols: ['BTC/USDT'] } },
    ]);
  });

  it('throws RpcCallError with the envelope code and message when ok is false', async () => {
    const bridge = new MemoryBridge({
      'candles.get': () => {
        throw new TradewindError('not_found', 'No market XYZ/USDT');
      },
    });
    const client = createRpcClient(bridge);
    const failure = await client
      .call('candles.get', { accountId: 'a', symbol: 'XYZ/USDT', timeframe: '1h' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcCallError);
    expect(failure).toMatchObject({ code: 'not_found', message: 'No market XYZ/USDT', method: 'candles.get' });
  });

  it('maps an unknown error code to internal and a malformed reply to an error', async () => {
    const bridge: TradewindBridge = {
      invoke: async (method) =>
        method === 'app.info' ? ({ ok: false, error: { code: 'teapot', message: 'odd' } } as never) : (null as never),
      subscribe: () => () => {},
    };
    const client = createRpcClient(bridge);
    await expect(client.call('app.info')).rejects.toMatchObject({ code: 'internal', message: 'odd' });
    await expect(client.call('accounts.list')).rejects.toMatchObject({ code: 'internal' });
  });

  it('rejects a reply that does not match the method output schema in test builds, naming the field', async () => {
    expect(import.meta.env.MODE).toBe('test');
    // A core that drifted from the contract: the account's creation time as text.
    const bridge = new MemoryBridge({ 'accounts.list': () => [{ ...PAPER_ACCOUNT, createdAt: 'yesterday' }] as never });
    const client = createRpcClient(bridge);
    const failure = await client.call('accounts.list').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RpcCallError);
    expect(failure).toMatchObject({ code: 'internal', method: 'accounts.list' });
    expect((failure as Error).message).toMatch(
      /^The reply to accounts\.list does not match the contract \(output\.0\.createdAt: .+\); core and renderer disagree, so build both from the same commit\.$/,
    );
  });

  it('fans one bridge subscription out to every listener and releases it with the last one', () => {
    const bridge = new MemoryBridge();
    const client = createRpcClient(bridge);
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = client.on('portfolio.changed', first);
    const offSecond = client.on('portfolio.changed', second);
    expect(bridge.subscribeCount.get('portfolio.changed')).toBe(1);

    bridge.emit('portfolio.changed', { accountIds: ['paper-1'] });
    expect(first).toHaveBeenCalledWith({ accountIds: ['paper-1'] });
    expect(second).toHaveBeenCalledWith({ accountIds: ['paper-1'] });

    offFirst();
    offFirst(); // idempotent: must not remove the second listener's subscription
    expect(bridge.listenerCount('portfolio.changed')).toBe(1);
    bridge.emit('portfolio.changed', { accountIds: [] });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);

    offSecond();
    expect(bridge.listenerCount('portfolio.changed')).toBe(0);
    // A new listener after the release subscribes again.
    client.on('portfolio.changed', first);
    expect(bridge.subscribeCount.get('portfolio.changed')).toBe(2);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const bridge = new MemoryBridge();
    const client = createRpcClient(bridge);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const healthy = vi.fn();
    client.on('tickers', () => {
      throw new Error('boom');
    });
    client.on('tickers', healthy);
    bridge.emit('tickers', { tickers: [] });
    expect(healthy).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it('keeps topics apart', () => {
    const bridge = new MemoryBridge();
    const client = createRpcClient(bridge);
    const onTickers = vi.fn();
    client.on('tickers', onTickers);
    bridge.emit('candles', { updates: [] });
    expect(onTickers).not.toHaveBeenCalled();
  });
});
