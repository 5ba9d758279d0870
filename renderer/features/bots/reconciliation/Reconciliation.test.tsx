// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotReconciliation, Orphan } from '../../../../shared/ipc/schemas/bots';
import { createRpcClient } from '../../../lib/ipc/client';
import { useStore } from '../../../store';
import { LIVE_ACCOUNT } from '../../../test-utils/fixtures';
import { MemoryBridge } from '../../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../../test-utils/queries';
import { click, flush, render, type Rendered } from '../../../test-utils/render';
import { botOrder } from '../test-fixtures';
import { ReconciliationNotice } from './ReconciliationNotice';

const orphan = (clientOrderId: string): Orphan => ({
  accountId: LIVE_ACCOUNT.id,
  order: botOrder(clientOrderId, 'buy', 30_000, { accountId: LIVE_ACCOUNT.id, origin: 'external' }),
  reason: 'unknown_to_ledger',
  resolution: 'pending',
});

const REPORT: BotReconciliation = {
  at: Date.UTC(2024, 0, 1, 8, 0),
  accounts: [
    { accountId: LIVE_ACCOUNT.id, accountLabel: LIVE_ACCOUNT.label, checked: 12, updated: 3, fillsAdopted: 2, failed: 0, error: null },
  ],
  orphans: [orphan('x-1'), orphan('x-2')],
  resumed: ['bot-grid'],
};

let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  bridge = new MemoryBridge({
    'bots.reconciliation': () => REPORT,
    'bots.resolveOrphan': ({ clientOrderId, action }) => ({
      ...orphan(clientOrderId),
      resolution: action === 'adopt' ? 'adopted' : 'cancelled',
    }),
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

const orphanRow = (id: string) =>
  [...document.querySelectorAll<HTMLElement>('[data-testid="orphan-row"]')].find((row) => row.textContent?.includes(id))!;

describe('reconciliation report', () => {
  it('opens after start-up when orphans wait, and Adopt / Cancel resolve them through core', async () => {
    view = render(<ReconciliationNotice />, createRpcClient(bridge));
    await flush();
    const dialog = byRole(document, 'dialog', 'Start-up reconciliation');
    expect(dialog.textContent).toContain('Binance main');
    expect([...dialog.querySelectorAll('tbody tr')][0]!.textContent).toBe('Binance main12320—');
    expect(dialog.textContent).toContain('1 bot resumed afterwards.');

    click(byRole(orphanRow('x-1'), 'button', 'Adopt x-1'));
    await flush();
    click(byRole(orphanRow('x-2'), 'button', 'Cancel x-2 on the exchange'));
    await flush();
    expect(bridge.callsOf('bots.resolveOrphan')).toEqual([
      { accountId: LIVE_ACCOUNT.id, clientOrderId: 'x-1', action: 'adopt' },
      { accountId: LIVE_ACCOUNT.id, clientOrderId: 'x-2', action: 'cancel' },
    ]);
    expect(orphanRow('x-1').dataset.resolution).toBe('adopted');
    expect(orphanRow('x-2').dataset.resolution).toBe('cancelled');
    // Everything is decided, but the dialog stays until the person closes it.
    click(byRole(document, 'button', 'Close'));
    expect(maybeByRole(document, 'dialog')).toBeNull();
    act(() => bridge.emit('bots.reconciliation', { ...REPORT, orphans: [] }));
    expect(maybeByRole(document, 'dialog')).toBeNull();
  });

  it('stays closed when nothing needs the person, and opens for a later report that does', async () => {
    bridge.setHandler('bots.reconciliation', () => ({ ...REPORT, orphans: [] }));
    view = render(<ReconciliationNotice />, createRpcClient(bridge));
    await flush();
    expect(maybeByRole(document, 'dialog')).toBeNull();
    act(() =>
      bridge.emit('bots.reconciliation', {
        ...REPORT,
        at: REPORT.at! + 1,
        orphans: [],
        accounts: [{ ...REPORT.accounts[0]!, failed: 1, error: 'Binance answered 503 (exchange down)' }],
      }),
    );
    expect(byRole(document, 'dialog', 'Start-up reconciliation').textContent).toContain('Binance answered 503 (exchange down)');
  });
});
