import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { MAX_FAVOURITES } from '../../../shared/ipc/schemas/favourites';
import { openDatabase } from '../db/connection';
import { createCore } from '../index';
import { FavouritesRepo } from '../markets/favourites-repo';
import { startReferenceCore, type ReferenceCore } from '../test-support/reference-core';

let ref: ReferenceCore | undefined;

afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

type Favourites = MethodOutput<'favourites.list'>;
const value = <T>(method: string, input?: unknown): Promise<T> => ref!.value<T>(method, input);

describe('favourites.list and favourites.set', () => {
  it('stars and unstars markets of the account and keeps them across a restart of core', async () => {
    ref = await startReferenceCore('live');
    expect(await value<Favourites>('favourites.list', { accountId: 'paper' })).toEqual({ accountId: 'paper', symbols: [] });

    await value('favourites.set', { accountId: 'paper', symbol: 'ETH/USDT', favourite: true });
    const after = await value<Favourites>('favourites.set', { accountId: 'paper', symbol: 'BTC/USDT', favourite: true });
    expect(after.symbols).toEqual(['ETH/USDT', 'BTC/USDT']);
    const removed = await value<Favourites>('favourites.set', { accountId: 'paper', symbol: 'ETH/USDT', favourite: false });
    expect(removed.symbols).toEqual(['BTC/USDT']);

    // A second core on the same data folder (an app restart) sees the same set.
    const dataDir = ref.core.dataDir;
    await ref.core.close();
    const again = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
    try {
      const listed = await again.invoke('favourites.list', { accountId: 'paper' }, { sessionId: 's' });
      expect(listed).toEqual({ ok: true, value: { accountId: 'paper', symbols: ['BTC/USDT'] } });
    } finally {
      await again.close();
    }
  });

  it('rejects a malformed symbol, a market the exchange does not list, and an unknown account, each saying what to do', async () => {
    ref = await startReferenceCore('live');
    const malformed = await ref.core.invoke(
      'favourites.set',
      { accountId: 'paper', symbol: 'BTCUSDT', favourite: true },
      { sessionId: 's' },
    );
    expect(malformed).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Invalid input for favourites.set: input.symbol: must look like BASE/QUOTE, e.g. BTC/USDT' },
    });

    await expect(value('favourites.set', { accountId: 'paper', symbol: 'DOGE/USDT', favourite: true })).rejects.toThrow(
      /not_found: DOGE\/USDT is not a market on .*Pick one from the markets list/,
    );
    await expect(value('favourites.list', { accountId: 'nobody' })).rejects.toThrow(/not_found: No account with id "nobody"/);
    expect((await value<Favourites>('favourites.list', { accountId: 'paper' })).symbols).toEqual([]);

    // Removing a market that is no longer listed is allowed (a delisted favourite must be removable).
    const unstarred = await value<Favourites>('favourites.set', { accountId: 'paper', symbol: 'DOGE/USDT', favourite: false });
    expect(unstarred.symbols).toEqual([]);
  });

  it('caps how many favourites one account keeps', async () => {
    ref = await startReferenceCore('live');
    // Fill the table directly: the fake exchange lists only a handful of markets.
    const db = openDatabase(ref.core.dataDir);
    const repo = new FavouritesRepo(db);
    for (let i = 0; i < MAX_FAVOURITES; i++) repo.set('paper', `C${i}/USDT`, true, i);
    db.close();
    await expect(value('favourites.set', { accountId: 'paper', symbol: 'BTC/USDT', favourite: true })).rejects.toThrow(
      new RegExp(`invalid_input: This account already has ${MAX_FAVOURITES} favourites.*Remove one before adding BTC/USDT`),
    );
  });
});
