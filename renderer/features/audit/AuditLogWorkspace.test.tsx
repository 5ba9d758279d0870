// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { allByRole, byRole, choose, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { AuditLogWorkspace } from './AuditLogWorkspace';

const MAY_1 = Date.UTC(2024, 4, 1);

function entry(id: number, kind: AuditEntry['kind'], overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { id, at: MAY_1 + id * 60_000, kind, accountId: LIVE_ACCOUNT.id, keyVersion: 1, summary: `summary ${id}`, ...overrides };
}

const ENTRIES = [
  entry(3, 'key.revoked', { keyVersion: 2, summary: 'Key v2 …K29Z revoked and deleted' }),
  entry(2, 'key.verified', { summary: 'Key v1 …K19Z verified: read yes, trade yes, withdraw no' }),
  entry(1, 'account.added', { keyVersion: null, summary: 'Added Binance account "Binance main"' }),
  entry(0, 'account.removed', { accountId: 'okx-9', keyVersion: null, summary: 'Removed account "OKX"' }),
];

let bridge: MemoryBridge;
let view: Rendered | null = null;

function mount() {
  bridge = new MemoryBridge({ 'audit.page': () => ({ items: ENTRIES, nextCursor: null }) });
  view = render(<AuditLogWorkspace />, createRpcClient(bridge));
}

const rows = () =>
  [...document.querySelectorAll<HTMLElement>('[data-testid="audit-row"]')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent),
  );
const accountFilter = () => byRole<HTMLSelectElement>(document, 'combobox', 'Filter account');
const kinds = () => byRole(document, 'group', 'Event kinds');
const since = () => {
  const input = document.querySelector<HTMLInputElement>('input[type="date"]');
  if (!input || input.labels?.[0]?.textContent !== 'Since') throw new Error('No Since input');
  return input;
};

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('AuditLogWorkspace', () => {
  it('lists the latest entries with time, kind, account, key version and summary', async () => {
    mount();
    await flush();
    expect(bridge.callsOf('audit.page')).toEqual([{ limit: 200 }]);
    expect(rows()).toEqual([
      ['2024-05-01 00:03:00', 'Key revoked', 'Binance main', 'v2', 'Key v2 …K29Z revoked and deleted'],
      ['2024-05-01 00:02:00', 'Key verified', 'Binance main', 'v1', 'Key v1 …K19Z verified: read yes, trade yes, withdraw no'],
      ['2024-05-01 00:01:00', 'Account added', 'Binance main', '—', 'Added Binance account "Binance main"'],
      ['2024-05-01 00:00:00', 'Account removed', 'okx-9', '—', 'Removed account "OKX"'],
    ]);
    expect([...accountFilter().options].map((option) => option.textContent)).toEqual([
      'All accounts',
      'Paper',
      'Binance main',
      'okx-9 (removed)',
    ]);
  });

  it('turns the filters into the audit.page input', async () => {
    mount();
    await flush();
    choose(accountFilter(), LIVE_ACCOUNT.id);
    await flush();
    click(byRole(kinds(), 'checkbox', 'Key rotated'));
    await flush();
    click(byRole(kinds(), 'checkbox', 'Key revoked'));
    await flush();
    typeInto(since(), '2024-05-01');
    await flush();
    expect(bridge.callsOf('audit.page')).toEqual([
      { limit: 200 },
      { limit: 200, accountId: LIVE_ACCOUNT.id },
      { limit: 200, accountId: LIVE_ACCOUNT.id, kinds: ['key.rotated'] },
      { limit: 200, accountId: LIVE_ACCOUNT.id, kinds: ['key.rotated', 'key.revoked'] },
      { limit: 200, accountId: LIVE_ACCOUNT.id, kinds: ['key.rotated', 'key.revoked'], since: MAY_1 },
    ]);

    click(byRole(document, 'button', 'Clear filters'));
    await flush();
    expect(bridge.callsOf('audit.page').at(-1)).toEqual({ limit: 200 });
    expect(accountFilter().value).toBe('');
    expect(allByRole(kinds(), 'checkbox').filter((box) => (box as HTMLInputElement).checked)).toEqual([]);
  });

  it('appends live entries that match the filters, newest first', async () => {
    mount();
    await flush();
    bridge.setHandler('audit.page', () => ({ items: [], nextCursor: null }));
    click(byRole(kinds(), 'checkbox', 'Key rotated'));
    await flush();
    expect(rows()).toEqual([]);
    expect(document.body.textContent).toContain('No entry matches these filters.');

    act(() => bridge.emit('audit.appended', entry(10, 'key.verified')));
    expect(rows()).toEqual([]);
    act(() => bridge.emit('audit.appended', entry(11, 'key.rotated', { keyVersion: 3, summary: 'Rotated from v2 to v3' })));
    act(() => bridge.emit('audit.appended', entry(12, 'key.rotated', { keyVersion: 4, summary: 'Rotated from v3 to v4' })));
    expect(rows().map((row) => row[4])).toEqual(['Rotated from v3 to v4', 'Rotated from v2 to v3']);
  });

  it('loads older pages as the table scrolls, each entry once', async () => {
    const many = Array.from({ length: 450 }, (_, i) => entry(450 - i, 'order.placed', { summary: `order ${450 - i}` }));
    bridge = new MemoryBridge({
      'audit.page': ({ cursor, limit = 200 }) => {
        const start = cursor === undefined ? 0 : many.findIndex((e) => e.id < Number(cursor.slice(3)));
        const items = many.slice(start, start + limit);
        return { items, nextCursor: start + limit < many.length ? `a1.${items.at(-1)!.id}` : null };
      },
    });
    view = render(<AuditLogWorkspace />, createRpcClient(bridge));
    await flush();
    expect(byRole(document, 'status').textContent).toBe('200+ entries');
    const scroller = document.querySelector<HTMLElement>('.audit-scroll')!;
    for (let step = 0; step < 5 && bridge.callsOf('audit.page').length < 3; step++) {
      act(() => {
        scroller.scrollTop = 450 * 27;
        scroller.dispatchEvent(new Event('scroll'));
      });
      await flush();
    }
    expect(bridge.callsOf('audit.page').map((input) => (input as { cursor?: string }).cursor ?? null)).toEqual([null, 'a1.251', 'a1.51']);
    expect(byRole(document, 'status').textContent).toBe('450 entries');
    expect(document.querySelector('[data-testid="audit-row"]:last-of-type')?.getAttribute('data-entry-id')).toBe('1');
  });

  it('says what to do when nothing is recorded, and offers Retry after an error', async () => {
    bridge = new MemoryBridge({
      'audit.page': () => {
        throw new TradewindError('internal', 'database locked');
      },
    });
    view = render(<AuditLogWorkspace />, createRpcClient(bridge));
    await flush();
    expect(byRole(document, 'alert').textContent).toBe('Could not load the audit log: database lockedRetry');
    bridge.setHandler('audit.page', () => ({ items: [], nextCursor: null }));
    click(byRole(document, 'button', 'Retry'));
    await flush();
    expect(maybeByRole(document, 'alert')).toBeNull();
    expect(document.body.textContent).toContain('Nothing recorded yet.');
  });
});
