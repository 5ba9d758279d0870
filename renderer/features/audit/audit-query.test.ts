import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { auditQuery, matchesFilters, mergeEntries, NO_FILTERS, sinceFromDate } from './audit-query';

const entry = (id: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: Date.UTC(2024, 4, 2),
  kind: 'key.added',
  accountId: 'binance-1',
  keyVersion: 1,
  summary: '',
  ...overrides,
});

describe('audit query', () => {
  it('reads a date input as the start of that UTC day', () => {
    expect(sinceFromDate('2024-05-01')).toBe(Date.UTC(2024, 4, 1));
    expect(sinceFromDate('')).toBeNull();
    expect(sinceFromDate('05/01/2024')).toBeNull();
  });

  it('sends only the filters that are set, kinds in catalogue order', () => {
    expect(auditQuery(NO_FILTERS)).toEqual({ limit: 200 });
    expect(auditQuery({ accountId: null, kinds: ['order.placed', 'account.added'], sinceDate: 'garbage' }, 400)).toEqual({
      limit: 400,
      kinds: ['account.added', 'order.placed'],
    });
  });

  it('matches live entries against account, kinds and date', () => {
    const filters = { accountId: 'binance-1', kinds: ['key.added' as const], sinceDate: '2024-05-02' };
    expect(matchesFilters(entry(1), filters)).toBe(true);
    expect(matchesFilters(entry(1, { accountId: null }), filters)).toBe(false);
    expect(matchesFilters(entry(1, { kind: 'key.revoked' }), filters)).toBe(false);
    expect(matchesFilters(entry(1, { at: Date.UTC(2024, 4, 1, 23, 59) }), filters)).toBe(false);
    expect(matchesFilters(entry(1, { accountId: null, kind: 'order.placed' }), NO_FILTERS)).toBe(true);
  });

  it('merges lists newest first without duplicates', () => {
    expect(mergeEntries([entry(1), entry(3)], [entry(2), entry(3)]).map((item) => item.id)).toEqual([3, 2, 1]);
  });
});
