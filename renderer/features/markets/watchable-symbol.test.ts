import { describe, expect, it } from 'vitest';
import { SymbolSchema } from '../../../shared/ipc/contract';
import { MAX_WATCHED_SYMBOLS, isWatchableSymbol, watchedSymbols } from './watchable-symbol';

describe('watchable symbols', () => {
  it('agrees with the contract’s SymbolSchema', () => {
    const samples = [
      'BTC/USDT',
      'eth/btc',
      '1000SHIB/USDT',
      'BTC/USDT:USDT',
      'BTC/USDT:',
      'BTC/USDT:USDT:USDT',
      'BTCUSDT',
      'A/B',
      '/USDT',
      'X'.repeat(21) + '/USDT',
      'A B/C',
      'BTC-PERP/USD.T',
    ];
    for (const symbol of samples) expect(isWatchableSymbol(symbol), symbol).toBe(SymbolSchema.safeParse(symbol).success);
  });

  it('puts the chart market first, drops duplicates and invalid symbols, and caps the set', () => {
    expect(watchedSymbols('ETH/BTC', ['BTC/USDT', 'ETH/BTC', 'BTC/USDT:USDT', 'A B/C'])).toEqual(['ETH/BTC', 'BTC/USDT', 'BTC/USDT:USDT']);
    const many = Array.from({ length: 300 }, (_, index) => `C${index}/USDT`);
    const capped = watchedSymbols('ZZZ/USDT', many);
    expect(capped).toHaveLength(MAX_WATCHED_SYMBOLS);
    expect(capped[0]).toBe('ZZZ/USDT');
  });
});
