// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CopyLinkInput, CopyLinkView, CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import { createRpcClient } from '../../lib/ipc/client';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, choose } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { CopyPanel } from './CopyPanel';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let links: CopyLinkView[];
let created: Array<CopyLinkInput & { confirmationCode?: string | undefined }>;

const linkView = (input: CopyLinkInput): CopyLinkView => ({
  id: 'link-1',
  ...input,
  leaderLabel: `Account ${LIVE_ACCOUNT.label}`,
  followerLabel: PAPER_ACCOUNT.label,
  status: 'active',
  statusReason: null,
  createdAt: 1_800_000_000_000,
  positions: [{ symbol: 'BTC/USDT', amount: 0.05, averagePrice: 30_000, realisedPnl: 0, closedByHand: false }],
  pnl: 12.5,
});

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  setDecimalSeparator('comma');
  links = [];
  created = [];
  bridge = new MemoryBridge({
    'copy.links.list': () => links,
    'copy.log': () => [],
    'copy.links.create': (input) => {
      created.push(input);
      const { confirmationCode: _code, ...rest } = input;
      links = [linkView(rest)];
      return links[0]!;
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  setDecimalSeparator('point');
});

describe('Copy panel', () => {
  it('says what to do when empty, refuses an ambiguous number by field, then creates a link with comma decimals', async () => {
    view = render(<CopyPanel />, createRpcClient(bridge));
    await flush();
    expect(document.body.textContent).toContain('Nothing is copied yet. Add a follow link');
    expect(document.body.textContent).toContain('No copies yet.');

    click(byRole(document, 'button', 'New follow link…'));
    await flush();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Link name'), 'Main → paper');
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Leader'), LIVE_ACCOUNT.id);
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Follower account'), PAPER_ACCOUNT.id);
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Ratio'), '0.5');
    click(byRole(document, 'button', 'Start following'));
    await flush();
    expect(created).toHaveLength(0);
    expect(document.body.textContent).toContain('"0.5" is ambiguous');

    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Ratio'), '0,5');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Market map (leader=follower)'), 'BTC/USDT=BTC/USDC');
    click(byRole(document, 'button', 'Start following'));
    await flush();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      name: 'Main → paper',
      leader: { kind: 'account', accountId: LIVE_ACCOUNT.id },
      followerAccountId: PAPER_ACCOUNT.id,
      rules: {
        allocation: { mode: 'ratio', ratio: 0.5 },
        symbolMap: [{ leader: 'BTC/USDT', follower: 'BTC/USDC' }],
        maxSignalAgeMs: 30_000,
      },
    });
    const table = document.querySelector('table[aria-label="Follow links"]')!;
    expect(table.textContent).toContain('Main → paper');
    expect(byRole(document, 'button', 'Close the copied BTC/USDT position of Main → paper')).toBeTruthy();
    expect(byRole(document, 'button', 'Pause Main → paper')).toBeTruthy();
  });

  it('shows each copy as it is decided and updates the row when its fill price arrives', async () => {
    view = render(<CopyPanel />, createRpcClient(bridge));
    await flush();
    const row: CopyLogEntry = {
      seq: 7,
      linkId: 'link-1',
      eventId: 'e1',
      at: 1_800_000_000_000,
      outcome: 'sending',
      leaderSymbol: 'BTC/USDT',
      followerSymbol: 'BTC/USDC',
      side: 'buy',
      leaderAmount: 0.1,
      leaderPrice: 30_000,
      leaderFilledAt: 1_800_000_000_000,
      amount: 0.05,
      clientOrderId: 'tw-abcdef-c0000000000000001',
      followerPrice: 30_010,
      delayMs: 42,
      slippagePct: 0.03,
      reason: 'Sent.',
    };
    act(() => bridge.emit('copy.log', row));
    await flush();
    act(() => bridge.emit('copy.log', { ...row, outcome: 'copied', followerPrice: 30_030, slippagePct: 0.1 }));
    await flush();
    const log = document.querySelector('table[aria-label="Copy log"]')!;
    expect(log.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(log.textContent).toContain('BTC/USDT → BTC/USDC');
    expect(log.textContent).toContain('copied');
    expect(log.textContent).toContain('30030');
    expect(log.textContent).toContain('42 ms');
    expect(log.textContent).toContain('0.10 %');
  });
});
