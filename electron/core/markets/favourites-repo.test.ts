import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../accounts/accounts-repo';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { FavouritesRepo } from './favourites-repo';

let cleanup: (() => void) | undefined;
let db: Db | undefined;

function open(dir: string) {
  db = openDatabase(dir);
  const accounts = new AccountsRepo(db);
  return { db, accounts, favourites: new FavouritesRepo(db) };
}

afterEach(() => {
  db?.close();
  db = undefined;
  cleanup?.();
  cleanup = undefined;
});

describe('FavouritesRepo', () => {
  it('keeps each account’s favourites apart, in the order they were starred, across a reopen', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const first = open(temp.dir);
    first.accounts.insert({ id: 'a', label: 'A', exchangeId: 'binance', kind: 'live', createdAt: 1 });
    first.accounts.insert({ id: 'b', label: 'B', exchangeId: 'kraken', kind: 'live', createdAt: 2 });
    first.favourites.set('a', 'ETH/USDT', true, 10);
    first.favourites.set('a', 'BTC/USDT', true, 20);
    first.favourites.set('b', 'XBT/EUR', true, 5);
    first.favourites.set('a', 'ETH/USDT', true, 30); // starring again keeps its place
    expect(first.favourites.list('a')).toEqual(['ETH/USDT', 'BTC/USDT']);
    first.db.close();

    const second = open(temp.dir);
    expect(second.favourites.list('a')).toEqual(['ETH/USDT', 'BTC/USDT']);
    expect(second.favourites.list('b')).toEqual(['XBT/EUR']);
    second.favourites.set('a', 'ETH/USDT', false, 40);
    second.favourites.set('a', 'DOGE/USDT', false, 41); // not a favourite: nothing to remove
    expect(second.favourites.list('a')).toEqual(['BTC/USDT']);
    expect(second.favourites.count('a')).toBe(1);
    expect(second.favourites.has('a', 'BTC/USDT')).toBe(true);
    expect(second.favourites.has('b', 'BTC/USDT')).toBe(false);
  });

  it('forgets an account’s favourites when the account is removed', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const { accounts, favourites } = open(temp.dir);
    accounts.insert({ id: 'a', label: 'A', exchangeId: 'binance', kind: 'live', createdAt: 1 });
    favourites.set('a', 'BTC/USDT', true, 1);
    accounts.delete('a');
    expect(favourites.list('a')).toEqual([]);
  });

  it('refuses a favourite for an account that does not exist', () => {
    const temp = makeTempDir();
    cleanup = temp.cleanup;
    const { favourites } = open(temp.dir);
    expect(() => favourites.set('ghost', 'BTC/USDT', true, 1)).toThrow(/FOREIGN KEY/);
  });
});
