import { describe, expect, it } from 'vitest';
import { perpetualsRefusal } from './copy-perpetuals';

describe('perpetualsRefusal', () => {
  it('lets spot accounts copy each other', () => {
    expect(
      perpetualsRefusal([
        { role: 'follower', label: 'Family', marketType: 'spot' },
        { role: 'leader', label: 'Main', marketType: 'spot' },
      ]),
    ).toBeNull();
  });

  it('refuses a perpetuals follower or leader, naming the account and what to pick', () => {
    const follower = perpetualsRefusal([{ role: 'follower', label: 'Bybit perps', marketType: 'swap' }]);
    expect(follower?.code).toBe('invalid_input');
    expect(follower?.message).toBe(
      'Copy trading follows spot trades only: the follower account "Bybit perps" trades USDT perpetuals, whose shorts and reduce-only exits a copy would turn into longs. Pick a spot account to copy into.',
    );
    const leader = perpetualsRefusal([
      { role: 'follower', label: 'Family', marketType: 'spot' },
      { role: 'leader', label: 'Bybit perps', marketType: 'swap' },
    ]);
    expect(leader?.message).toContain('the leader account "Bybit perps"');
    expect(leader?.message).toContain('Pick a leader trading on a spot account.');
  });
});
