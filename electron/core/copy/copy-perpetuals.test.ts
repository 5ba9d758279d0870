import { describe, expect, it } from 'vitest';
import { marketMismatch, perpetualsRefusal } from './copy-perpetuals';

describe('perpetualsRefusal', () => {
  it('lets spot accounts copy each other, and perpetuals accounts each other', () => {
    expect(
      perpetualsRefusal([
        { role: 'follower', label: 'Family', marketType: 'spot' },
        { role: 'leader', label: 'Main', marketType: 'spot' },
      ]),
    ).toBeNull();
    expect(
      perpetualsRefusal([
        { role: 'follower', label: 'Family perps', marketType: 'swap' },
        { role: 'leader', label: 'Main perps', marketType: 'swap' },
      ]),
    ).toBeNull();
  });

  it('refuses a link joining a spot and a perpetuals account, naming both and what to pick', () => {
    const onSpot = perpetualsRefusal([
      { role: 'follower', label: 'Family', marketType: 'spot' },
      { role: 'leader', label: 'Bybit perps', marketType: 'swap' },
    ]);
    expect(onSpot?.code).toBe('invalid_input');
    expect(onSpot?.message).toBe(
      'A copy link joins two accounts of the same kind: the leader account "Bybit perps" trades USDT perpetuals and the follower account "Family" trades spot. The leader\'s sales may open shorts, which a spot account cannot hold. Pick a follower account that trades USDT perpetuals.',
    );
    const onPerps = perpetualsRefusal([
      { role: 'follower', label: 'Bybit perps', marketType: 'swap' },
      { role: 'leader', label: 'Main', marketType: 'spot' },
    ]);
    expect(onPerps?.message).toContain('the follower account "Bybit perps" trades USDT perpetuals');
    expect(onPerps?.message).toContain('Pick a follower account that trades spot.');
  });

  it('leaves a leader of unknown kind (a remote feed) to the per-fill check', () => {
    expect(perpetualsRefusal([{ role: 'follower', label: 'Bybit perps', marketType: 'swap' }])).toBeNull();
  });
});

describe('marketMismatch', () => {
  it('says why a perpetuals fill is not copied onto spot, and a spot fill onto perpetuals', () => {
    expect(marketMismatch({ symbol: 'BTC/USDT:USDT', side: 'buy', reduceOnly: true }, 'BTC/USDT:USDT', 'spot')).toBe(
      "The leader's reduce-only buy on BTC/USDT:USDT is a perpetuals trade (it may open or cover a short); the follower trades spot, where it would become a sale of coins or a new long, so it is not copied.",
    );
    expect(marketMismatch({ symbol: 'BTC/USDT', side: 'sell' }, 'BTC/USDT', 'swap')).toContain('the follower trades USDT perpetuals');
  });

  it('refuses a market map that drops the settle suffix on a perpetuals follower', () => {
    expect(marketMismatch({ symbol: 'BTC/USDT:USDT', side: 'sell' }, 'BTC/USDT', 'swap')).toContain('keeps its :USDT suffix');
  });

  it('passes fills of the follower kind; an unknown follower is judged by the symbol', () => {
    expect(marketMismatch({ symbol: 'BTC/USDT:USDT', side: 'sell' }, 'BTC/USDT:USDT', 'swap')).toBeNull();
    expect(marketMismatch({ symbol: 'BTC/USDT', side: 'sell' }, 'BTC/USDC', 'spot')).toBeNull();
    expect(marketMismatch({ symbol: 'BTC/USDT:USDT', side: 'sell' }, 'BTC/USDT', null)).toContain('the follower trades spot');
  });
});
