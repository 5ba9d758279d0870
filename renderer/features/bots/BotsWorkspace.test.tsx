// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, LIVE_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { accessibleName, allByRole, byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, press, render, typeInto, type Rendered } from '../../test-utils/render';
import { FakeChartView } from '../chart/fake-chart-view';
import { BotsWorkspace } from './BotsWorkspace';
import { detailOf, gridBot, liveDcaBot } from './test-fixtures';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let bots: BotView[];

function workspace() {
  view = render(<BotsWorkspace createChartView={() => new FakeChartView()} />, createRpcClient(bridge));
}

const rows = () => allByRole(document, 'row').filter((row) => row.dataset.testid === 'bot-row');
const row = (name: string) => rows().find((candidate) => candidate.querySelector('.bots-name')?.textContent === name)!;
const cell = (name: string, column: number) => row(name).querySelectorAll('td')[column]!.textContent;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  bots = [gridBot(), liveDcaBot()];
  bridge = new MemoryBridge({
    'bots.list': () => bots,
    'bots.get': ({ id }) => detailOf(bots.find((bot) => bot.id === id)!),
    'orders.page': () => ({ items: [], nextCursor: null }),
    'bots.events': () => ({ items: [], nextCursor: null }),
    'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles: [] }),
    'market.watch': (input) => ({ symbols: input.symbols }),
    'bots.start': ({ id, confirmed, confirmationCode }) => {
      const bot = bots.find((candidate) => candidate.id === id)!;
      if (bot.mode === 'live' && confirmed !== true) throw new TradewindError('invalid_input', 'Live bots need confirmed: true.');
      // Plays the headless host: `confirmed` is only the request; the code it printed confirms it.
      if (bot.mode === 'live' && confirmationCode !== '123-456') {
        throw new TradewindError(
          'confirmation_code_required',
          `Start the live bot "${bot.name}": sends real orders. Enter the code printed by the host.`,
        );
      }
      return { ...bot, state: 'running', startedAt: Date.now() };
    },
    'bots.stop': ({ id }) => ({ ...bots.find((bot) => bot.id === id)!, state: 'stopped' }),
    'bots.delete': ({ id }) => {
      bots = bots.filter((bot) => bot.id !== id);
      return { deleted: true };
    },
    'bots.duplicate': ({ id }) => {
      const copy = { ...bots.find((bot) => bot.id === id)!, id: 'bot-copy', name: 'BTC range (copy)', createdAt: 1_800_000_000_000 };
      bots.push(copy);
      return copy;
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

describe('bots workspace', () => {
  it('says how to create the first bot when there is none', async () => {
    bots = [];
    workspace();
    await flush();
    const status = byRole(document, 'status');
    expect(status.textContent).toContain('No bots yet. Create one');
    click(byRole(status, 'button', 'New bot…'));
    await flush();
    expect(byRole(document, 'dialog', 'New bot')).toBeTruthy();
  });

  it('lists bots and follows bots.changed and bots.deleted live', async () => {
    workspace();
    await flush();
    expect(rows().map((candidate) => candidate.querySelector('.bots-name')?.textContent)).toEqual(['ETH dips', 'BTC range']);
    expect(cell('BTC range', 5)).toBe('Stopped');
    expect(cell('BTC range', 6)).toBe('—');

    const running = gridBot({
      state: 'running',
      startedAt: Date.now() - 3_725_000,
      realisedPnl: 12.5,
      unrealisedPnl: -3.25,
      openOrders: 4,
      lastEvent: {
        botId: 'bot-grid',
        seq: 7,
        at: Date.UTC(2024, 0, 2, 10, 0, 0),
        marketAt: null,
        level: 'fill',
        message: 'Bought 0.01 at 31,000',
      },
    });
    act(() => bridge.emit('bots.changed', { bots: [running] }));
    expect(cell('BTC range', 5)).toBe('Running');
    expect(cell('BTC range', 6)).toBe('1h 02m');
    expect(row('BTC range').querySelectorAll('td')[7]!.innerHTML).toContain('is-up');
    expect(cell('BTC range', 7)).toBe('+12.50');
    expect(cell('BTC range', 8)).toBe('-3.25');
    expect(row('BTC range').querySelectorAll('td')[8]!.innerHTML).toContain('is-down');
    expect(cell('BTC range', 9)).toBe('4');
    expect(cell('BTC range', 10)).toContain('Bought 0.01 at 31,000');

    act(() =>
      bridge.emit('bots.changed', {
        bots: [
          {
            ...running,
            circuit: { accountId: PAPER_ACCOUNT.id, state: 'open', failures: 3, until: Date.UTC(2024, 0, 1, 14, 3), lastError: null },
          },
        ],
      }),
    );
    expect(cell('BTC range', 5)).toBe('RunningExchange errors');
    expect(row('BTC range').querySelector('.bots-circuit')?.getAttribute('title')).toBe(
      'Exchange errors: paused until 14:03 UTC after 3 failures.',
    );

    act(() => bridge.emit('bots.deleted', { ids: ['bot-dca'] }));
    expect(rows()).toHaveLength(1);
  });

  it('moves between bots with the arrow keys and opens the current one in the detail', async () => {
    workspace();
    await flush();
    expect(byRole(document, 'region', /ETH dips/).dataset.botId).toBe('bot-dca');
    row('ETH dips').focus();
    press(row('ETH dips'), 'ArrowDown');
    await flush();
    expect(document.activeElement).toBe(row('BTC range'));
    expect(row('BTC range').getAttribute('aria-current')).toBe('true');
    expect(byTestIdIn('bot-detail').dataset.botId).toBe('bot-grid');
    expect(bridge.callsOf('bots.get')).toContainEqual({ id: 'bot-grid', events: 1 });
  });

  it('starts a paper bot at once from its row', async () => {
    workspace();
    await flush();
    click(byRole(row('BTC range'), 'button', 'Start BTC range'));
    await flush();
    expect(bridge.callsOf('bots.start')).toEqual([{ id: 'bot-grid' }]);
    expect(cell('BTC range', 5)).toBe('Running');
  });

  it('starts a live bot only after a confirmation naming the account, market and capital', async () => {
    workspace();
    await flush();
    click(byRole(row('ETH dips'), 'button', 'Start ETH dips'));
    const confirm = byRole(document, 'alertdialog', 'Start ETH dips with real money?');
    expect(bridge.callsOf('bots.start')).toEqual([]);
    const facts = confirm.querySelector('.bot-confirm-facts')!.textContent;
    expect(facts).toContain('AccountBinance main');
    expect(facts).toContain('MarketETH/USDT');
    expect(facts).toContain('Capital50.00 USDT base order plus up to 4 safety orders (capital cap 900.00 USDT)');

    click(byRole(confirm, 'button', 'Cancel'));
    expect(maybeByRole(document, 'alertdialog')).toBeNull();
    expect(bridge.callsOf('bots.start')).toEqual([]);

    click(byRole(row('ETH dips'), 'button', 'Start ETH dips'));
    click(byRole(document, 'button', 'Start live'));
    await flush();
    expect(bridge.callsOf('bots.start')).toEqual([{ id: 'bot-dca', confirmed: true }]);
    expect(cell('ETH dips', 5)).not.toBe('Running');
    const group = byRole(byRole(document, 'alertdialog'), 'group', 'Confirm on the host');
    expect(group.textContent).toContain('Start the live bot "ETH dips"');
    typeInto(byRole<HTMLInputElement>(group, 'textbox', 'Enter the code printed by the host'), '123-456');
    click(byRole(group, 'button', 'Confirm code'));
    await flush();
    expect(bridge.callsOf('bots.start')).toEqual([
      { id: 'bot-dca', confirmed: true },
      { id: 'bot-dca', confirmed: true, confirmationCode: '123-456' },
    ]);
    expect(cell('ETH dips', 5)).toBe('Running');
    expect(maybeByRole(document, 'alertdialog')).toBeNull();
  });

  it('disables stop and delete with the reason, and asks before deleting', async () => {
    bots = [gridBot({ state: 'running', startedAt: Date.now() })];
    workspace();
    await flush();
    const detail = byTestIdIn('bot-detail');
    const reason = (button: HTMLElement) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent;

    const remove = byRole<HTMLButtonElement>(detail, 'button', 'Delete…');
    expect(remove.disabled).toBe(true);
    expect(reason(remove)).toBe('Delete: Stop the bot before deleting it.');
    const edit = byRole<HTMLButtonElement>(detail, 'button', 'Edit…');
    expect(edit.disabled).toBe(true);
    expect(reason(edit)).toBe('Edit: Stop the bot to change its settings.');
    expect(byRole<HTMLButtonElement>(detail, 'button', 'Stop').disabled).toBe(false);

    // Stop asks first: nothing is sent until the person chooses what happens to the BTC.
    click(byRole(detail, 'button', 'Stop'));
    const confirmStop = byRole(document, 'alertdialog', 'Stop BTC range?');
    expect(bridge.callsOf('bots.stop')).toEqual([]);
    click(byRole(confirmStop, 'radio', /Sell them at market/));
    click(byRole(confirmStop, 'button', 'Stop and sell the BTC'));
    await flush();
    expect(bridge.callsOf('bots.stop')).toEqual([{ id: 'bot-grid', holdings: 'sell' }]);
    const stop = byRole<HTMLButtonElement>(detail, 'button', 'Stop');
    expect(stop.disabled).toBe(true);
    expect(reason(stop)).toBe('Stop: It is already stopped.');
    expect(byRole<HTMLButtonElement>(detail, 'button', 'Delete…').disabled).toBe(false);

    click(byRole(detail, 'button', 'Delete…'));
    const confirm = byRole(document, 'alertdialog', 'Delete BTC range?');
    expect(bridge.callsOf('bots.delete')).toEqual([]);
    click(byRole(confirm, 'button', 'Delete'));
    await flush();
    expect(bridge.callsOf('bots.delete')).toEqual([{ id: 'bot-grid' }]);
    expect(rows()).toHaveLength(0);
  });

  it('duplicates a bot and opens the copy', async () => {
    workspace();
    await flush();
    click(row('BTC range'));
    await flush();
    click(byRole(byTestIdIn('bot-detail'), 'button', 'Duplicate'));
    await flush();
    expect(bridge.callsOf('bots.duplicate')).toEqual([{ id: 'bot-grid' }]);
    expect(rows()[0]!.querySelector('.bots-name')?.textContent).toBe('BTC range (copy)');
    expect(byTestIdIn('bot-detail').dataset.botId).toBe('bot-copy');
  });

  it('shows why an action failed', async () => {
    bridge.setHandler('bots.start', () => {
      throw new TradewindError('invalid_input', 'Not enough USDT: 1,000.00 needed, 250.00 free.');
    });
    workspace();
    await flush();
    click(byRole(row('BTC range'), 'button', 'Start BTC range'));
    await flush();
    expect(byRole(document, 'alert').textContent).toContain('Could not start BTC range: Not enough USDT: 1,000.00 needed, 250.00 free.');
    expect(accessibleName(byRole(row('BTC range'), 'button', 'Start BTC range'))).toBe('Start BTC range');
  });
});

function byTestIdIn(id: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!element) throw new Error(`No ${id}`);
  return element;
}
