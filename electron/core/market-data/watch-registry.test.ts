import { describe, expect, it } from 'vitest';
import type { CandleWatch } from './source';
import { WatchRegistry } from './watch-registry';

describe('WatchRegistry', () => {
  it('streams every chart series a session watches (the docking workspace charts several) and forgets them with the session', () => {
    let applied: { symbols: string[]; candles: CandleWatch[] } = { symbols: [], candles: [] };
    const registry = new WatchRegistry((symbols, candles) => {
      applied = { symbols: [...symbols].sort(), candles };
    });
    registry.set(
      'window',
      ['BTC/USDT'],
      [
        { symbol: 'BTC/USDT', timeframe: '1h' },
        { symbol: 'ETH/USDT', timeframe: '1h' },
      ],
    );
    registry.set('bot', [], { symbol: 'ETH/USDT', timeframe: '1h' });
    expect(applied.symbols).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(applied.candles).toEqual([
      { symbol: 'BTC/USDT', timeframe: '1h' },
      { symbol: 'ETH/USDT', timeframe: '1h' },
    ]);
    registry.end('window');
    expect(applied.symbols).toEqual(['ETH/USDT']);
    expect(applied.candles).toEqual([{ symbol: 'ETH/USDT', timeframe: '1h' }]);
  });
});
