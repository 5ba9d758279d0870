import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { AuditCoalescer } from './audit-coalescer';
import { AuditLog } from './audit-log';

let temp: ReturnType<typeof makeTempDir> | undefined;
let db: Db | undefined;
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 6, 7, 1, 2) });
});
afterEach(() => {
  vi.useRealTimers();
  db?.close();
  db = undefined;
  temp?.cleanup();
});

function setUp(): { audit: AuditLog; repeats: AuditCoalescer } {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  const audit = new AuditLog(db);
  return { audit, repeats: new AuditCoalescer(audit, 60_000) };
}

const read = (agent: string, method: string) => ({
  key: `read:${agent}`,
  kind: 'agent.call' as const,
  subject: `Agent "${agent}"`,
  summary: `Agent "${agent}": ${method}`,
  label: method,
});

const summaries = (audit: AuditLog) =>
  audit
    .list()
    .map((e) => e.summary)
    .reverse();

describe('AuditCoalescer', () => {
  it('writes the first call of a minute at once and every other one as a single counted line when the minute ends', () => {
    const { audit, repeats } = setUp();
    for (let i = 0; i < 40; i++) repeats.append(read('Research bot', 'market.ticker'));
    for (let i = 0; i < 3; i++) repeats.append(read('Research bot', 'accounts.list'));
    expect(summaries(audit)).toEqual(['Agent "Research bot": market.ticker']);

    vi.advanceTimersByTime(60_000);
    expect(summaries(audit)).toEqual([
      'Agent "Research bot": market.ticker',
      'Agent "Research bot": 42 more in the minute from 07:01:02 UTC (market.ticker ×39, accounts.list ×3)',
    ]);

    // A new minute starts with a line of its own again.
    repeats.append(read('Research bot', 'accounts.list'));
    expect(summaries(audit)).toHaveLength(3);
    expect(summaries(audit)[2]).toBe('Agent "Research bot": accounts.list');
  });

  it('keeps agents apart, writes nothing extra for a lone call, and flushes pending counts on close', () => {
    const { audit, repeats } = setUp();
    repeats.append(read('A', 'accounts.list'));
    repeats.append(read('B', 'accounts.list'));
    repeats.append(read('B', 'orders.list'));
    vi.advanceTimersByTime(30_000);
    repeats.flush();
    expect(summaries(audit)).toEqual([
      'Agent "A": accounts.list',
      'Agent "B": accounts.list',
      'Agent "B": 1 more in the minute from 07:01:02 UTC (orders.list ×1)',
    ]);
    vi.advanceTimersByTime(60_000);
    expect(summaries(audit)).toHaveLength(3);
  });
});
