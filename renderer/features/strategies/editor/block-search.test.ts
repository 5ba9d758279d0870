import { describe, expect, it } from 'vitest';
import { BLOCK_TYPES } from '../../../../shared/strategy/block-types';
import { searchBlocks } from './block-search';

describe('block palette search', () => {
  it('lists every catalogue block exactly once, under a titled category', () => {
    const groups = searchBlocks('');
    const listed = groups.flatMap((g) => g.blocks.map((b) => b.type));
    expect([...listed].sort()).toEqual([...BLOCK_TYPES].sort());
    for (const g of groups) expect(g.title.length).toBeGreaterThan(0);
  });

  it('groups candle patterns and time filters under their own headings', () => {
    const titles = (query: string) => searchBlocks(query).map((g) => [g.title, g.blocks.map((b) => b.type)]);
    expect(titles('engulfing')).toEqual([['Candle patterns', ['bullishEngulfing', 'bearishEngulfing']]]);
    expect(titles('time filters')).toEqual([['Time filters', ['hourOfDay', 'weekday', 'session']]]);
    expect(searchBlocks('ichimoku cloud')[0]!.blocks.map((b) => b.type)).toEqual(['ichimoku']);
  });
});
