import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import { matchesNotification } from './notification-search';

const n = (title: string, body: string, kind?: string): Notification => ({ id: '1', at: 0, level: 'info', title, body, botId: null, kind });

describe('notification search', () => {
  it('matches every word, in any case, in the title, body or kind', () => {
    const alert = n('Alert: BTC/USDT crosses 65000 upwards', 'BTC/USDT · Price crossed 65000 upwards (last 65010).', 'alert.rule');
    expect(matchesNotification(alert, '')).toBe(true);
    expect(matchesNotification(alert, 'btc UPWARDS')).toBe(true);
    expect(matchesNotification(alert, 'alert.rule')).toBe(true);
    expect(matchesNotification(alert, 'btc downwards')).toBe(false);
    expect(matchesNotification(n('Grid stopped', 'Stopped (error).'), 'grid error')).toBe(true);
  });
});
