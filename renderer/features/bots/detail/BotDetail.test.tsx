// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/domain/types';
import type { BotDetail as Detail, BotView } from '../../../../shared/ipc/schemas/bots';
import { createRpcClient } from '../../../lib/ipc/client';
import { useStore } from '../../../store';
import { PAPER_ACCOUNT } from '../../../test-utils/fixtures';
import { MemoryBridge } from '../../../test-utils/memory-bridge';
import { byRole } from '../../../test-utils/queries';
import { click, flush, render, type Rendered } from '../../../test-utils/render';
import { FakeChartView } from '../../chart/fake-chart-view';
import { botOrder, detailOf, gridBot } from '../test-fixtures';
import { useBotActions } from '../use-bot-actions';
import { BotDetail } from './BotDetail';

const MINUTE = 60_000;
const candles: Candle[] = [0, 1, 2].map((index) => [index * 5 * MINUTE, 32_000, 32_100, 31_900, 32_000, 3]);

let bridge: MemoryBridge;
let view: Rendered | null = null;
let charts: FakeChartView[];
let detail: Detail;

function Harness({ bot }: { bot: BotView }) {
  const actions = useBotActions();
  return (
    <BotDetail
      bot={bot}
      actions={actions}
      onEdit={() => {}}
      createChartView={() => {
        const chart = new FakeChartView();
        charts.push(chart);
        return chart;
      }}
    />
  );
}

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  charts = [];
  const bot = gridBot({ state: 'running', startedAt: Date.now(), openOrders: 2 });
  detail = detailOf(bot, {
    levels: [
      { price: 31_000, kind: 'grid_buy', label: 'Buy 0.01', clientOrderId: 'tw-1' },
      { price: 32_000, kind: 'grid_idle', label: 'Level 3', clientOrderId: null },
      { price: 33_000, kind: 'grid_sell', label: 'Sell 0.01', clientOrderId: 'tw-2' },
    ],
    orders: [botOrder('tw-1', 'buy', 31_000), botOrder('tw-2', 'sell', 33_000), botOrder('tw-3', 'sell', 32_500, { type: 'limit' })],
    fills: [
      {
        accountId: PAPER_ACCOUNT.id,
        tradeId: 'f1',
        clientOrderId: 'tw-0',
        symbol: 'BTC/USDT',
        side: 'buy',
        price: 32_000,
        amount: 0.01,
        cost: 320,
        fee: 0,
        feeAsset: 'BTC',
        maker: true,
        at: 5 * MINUTE + 10,
        seq: 1,
      },
    ],
    events: [{ botId: bot.id, seq: 1, at: Date.UTC(2024, 0, 1, 9), marketAt: null, level: 'info', message: 'Started: 4 orders placed' }],
  });
  const working = new Set(['intent', 'unknown', 'open', 'partially_filled']);
  bridge = new MemoryBridge({
    'bots.get': () => detail,
    'orders.page': ({ status }) => ({
      items: detail.orders.filter((order) => working.has(order.status) === (status === 'open')),
      nextCursor: null,
    }),
    'bots.events': () => ({ items: [...detail.events].reverse(), nextCursor: null }),
    'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles }),
    'market.watch': (input) => ({ symbols: input.symbols }),
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

function show(bot: BotView = detail.bot) {
  view = render(<Harness bot={bot} />, createRpcClient(bridge));
}

describe('bot detail', () => {
  it('draws the levels, the other working orders and the fills on the bot’s own chart', async () => {
    show();
    await flush();
    await flush();
    const chart = charts[0]!;
    expect(bridge.callsOf('candles.get')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', timeframe: '5m', limit: 1000 }]);
    expect(chart.count()).toBe(3);
    expect(chart.bracketLines.map((line) => [line.price, line.title, line.style])).toEqual([
      [31_000, 'Buy 0.01', 'solid'],
      [32_000, 'Level 3', 'dotted'],
      [33_000, 'Sell 0.01', 'solid'],
    ]);
    // tw-1 and tw-2 are drawn as their levels; only tw-3 gets its own line.
    expect(chart.orderLines.map((line) => line.price)).toEqual([32_500]);
    expect(chart.fillMarkers).toEqual([{ time: 5 * MINUTE, side: 'buy', text: 'Buy 0.01' }]);
    const element = document.querySelector<HTMLElement>('[data-testid="bot-chart"]')!;
    expect(element.dataset).toMatchObject({ levelLines: '3', orderLines: '1', fillMarkers: '1' });
  });

  it('drops the stopped grid’s order lines once the kill switch cancels its orders', async () => {
    show();
    await flush();
    await flush();
    const chart = charts[0]!;
    expect(chart.bracketLines).toHaveLength(3);
    // The kill switch: the bot is stopped (its saved levels still name the orders), then the cancels land.
    const cancelled = detail.orders.map((order) => ({ ...order, status: 'cancelled' as const }));
    detail = { ...detail, bot: { ...detail.bot, state: 'stopped', openOrders: 0 }, orders: cancelled };
    act(() => bridge.emit('orders.changed', { accountIds: [PAPER_ACCOUNT.id], orders: cancelled }));
    await flush();
    await flush();
    expect(chart.bracketLines.map((line) => line.title)).toEqual(['Level 3']);
    expect(chart.orderLines).toEqual([]);
  });

  it('appends live events to the log and re-reads the detail when its orders change', async () => {
    show();
    await flush();
    click(byRole(document, 'tab', 'Events'));
    await flush();
    const log = byRole(document, 'log', 'Bot events');
    expect(log.textContent).toContain('Started: 4 orders placed');
    act(() =>
      bridge.emit('bots.event', {
        botId: detail.bot.id,
        seq: 2,
        at: Date.UTC(2024, 0, 1, 9, 5),
        marketAt: null,
        level: 'fill',
        message: 'Sold 0.01 at 33,000',
      }),
    );
    act(() =>
      bridge.emit('bots.event', {
        botId: 'other',
        seq: 3,
        at: Date.UTC(2024, 0, 1, 9, 5),
        marketAt: null,
        level: 'fill',
        message: 'Not mine',
      }),
    );
    const items = [...byRole(document, 'log', 'Bot events').querySelectorAll('li')].map(
      (item) => item.querySelector('.bot-event-message')?.textContent,
    );
    expect(items).toEqual(['Sold 0.01 at 33,000', 'Started: 4 orders placed']);

    const reads = bridge.callsOf('bots.get').length;
    act(() => bridge.emit('bots.changed', { bots: [{ ...detail.bot, unrealisedPnl: 1.5 }] }));
    await flush();
    expect(bridge.callsOf('bots.get')).toHaveLength(reads);
    act(() => bridge.emit('bots.changed', { bots: [{ ...detail.bot, openOrders: 1 }] }));
    await flush();
    expect(bridge.callsOf('bots.get')).toHaveLength(reads + 1);
  });

  it('shows the account’s circuit breaker when it is not closed, and why a bot stopped', async () => {
    const until = Date.UTC(2024, 0, 1, 14, 3);
    show({ ...detail.bot, circuit: { accountId: PAPER_ACCOUNT.id, state: 'open', failures: 5, until, lastError: 'rate limited' } });
    await flush();
    expect(document.querySelector('[data-testid="bot-circuit"]')?.textContent).toBe(
      'Exchange errors: paused until 14:03 UTC after 5 failures (rate limited).',
    );
    view?.unmount();
    show({ ...detail.bot, state: 'stopped', stopReason: 'daily_loss', stopDetail: 'lost 52.10 USDT today (limit 50)' });
    await flush();
    expect(document.querySelector('[data-testid="bot-stop-reason"]')?.textContent).toBe(
      'Max daily loss reached: lost 52.10 USDT today (limit 50)',
    );
    expect(document.querySelector('[data-testid="bot-circuit"]')).toBeNull();
  });

  it('names a short position (a perpetual swap) as short, with its size and entry', async () => {
    detail = { ...detail, position: { amount: -0.016, averagePrice: 30_000 } };
    show({ ...detail.bot, symbol: 'BTC/USDT:USDT' });
    await flush();
    expect(document.querySelector('[data-testid="bot-position"]')?.textContent).toMatch(/^Short 0\.016 @ 30,?000/);
  });

  it('shows a sale of more base than the bot held as an error, not as profit', async () => {
    const issue = 'Sold 0.01 BTC more than the bot held: the PnL leaves that sale out. Check the account for trades made outside the bot.';
    show({ ...detail.bot, ledgerIssue: issue });
    await flush();
    expect(byRole(document, 'alert').textContent).toBe(issue);
    view?.unmount();
    show();
    await flush();
    expect(document.querySelector('[data-testid="bot-ledger-issue"]')).toBeNull();
  });

  it('pages its orders as the table scrolls: every working one, then the finished ones', async () => {
    const working = Array.from({ length: 230 }, (_, i) => botOrder(`tw-w${i}`, 'buy', 31_000));
    const finished = Array.from({ length: 250 }, (_, i) => botOrder(`tw-f${i}`, 'sell', 33_000, { status: 'filled', filled: 0.01 }));
    bridge.setHandler('orders.page', ({ status, cursor, limit = 100 }) => {
      const rows = status === 'open' ? working : finished;
      const start = cursor === undefined ? 0 : Number(cursor.split('.').pop());
      return { items: rows.slice(start, start + limit), nextCursor: start + limit < rows.length ? `o1.0.${start + limit}` : null };
    });
    show();
    await flush();
    const scroller = document.querySelector<HTMLElement>('.bot-detail-scroll')!;
    for (let step = 0; step < 10 && !document.querySelector('[data-client-order-id="tw-f249"]'); step++) {
      act(() => {
        scroller.scrollTop = 480 * 27;
        scroller.dispatchEvent(new Event('scroll'));
      });
      await flush();
    }
    expect(document.querySelector('[data-client-order-id="tw-f249"]')).not.toBeNull();
    const calls = bridge.callsOf('orders.page') as Array<{ status: string; cursor?: string; botId?: string }>;
    expect(calls.map((input) => `${input.status}:${input.cursor ?? ''}`)).toEqual([
      'open:',
      'open:o1.0.200',
      'history:',
      'history:o1.0.200',
    ]);
    expect(calls.every((input) => input.botId === detail.bot.id)).toBe(true);
  });

  it('lists its orders, working ones first, and its settings', async () => {
    detail.orders = [botOrder('tw-9', 'buy', 30_000, { status: 'filled', filled: 0.01 }), ...detail.orders];
    show();
    await flush();
    const statuses = [...document.querySelectorAll<HTMLElement>('[data-testid="order-row"]')].map(
      (row) => `${row.dataset.clientOrderId}:${row.dataset.status}`,
    );
    expect(statuses).toEqual(['tw-1:open', 'tw-2:open', 'tw-3:open', 'tw-9:filled']);
    click(byRole(document, 'tab', 'Settings'));
    await flush();
    const settings = document.querySelector('[data-testid="bot-settings"]')!.textContent;
    expect(settings).toContain('Levels5');
    expect(settings).toContain('Investment1,000.00 USDT');
    expect(settings).toContain('Max daily lossOff');
  });
});

describe('strategy bot running a model trained here', () => {
  it('shows each Model block’s pinned version, its last retrain and outcome and the next one, and the schedule in the settings', async () => {
    const bot = gridBot({
      kind: 'strategy',
      state: 'running',
      startedAt: Date.now(),
      config: { kind: 'strategy', strategyId: 'st-1', capital: 100, retrain: { every: 'bars', n: 24 } },
    });
    detail = detailOf(bot, {
      models: [
        {
          nodeId: 'model',
          modelId: 'mdl_00112233445566ff',
          name: 'Up next bars',
          version: 3,
          pinnedAt: Date.UTC(2026, 0, 1),
          lastRetrain: { at: Date.UTC(2026, 0, 2, 9), outcome: 'failed', message: 'Too little history for the walk-forward windows' },
          nextRetrain: { bars: 5 },
          retraining: false,
          historyBars: 364,
        },
      ],
    });
    show(bot);
    await flush();
    await flush();
    click(byRole(document, 'tab', 'Models'));
    await flush();
    const table = document.querySelector('[data-testid="bot-models"]')!;
    const cells = [...table.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells).toEqual([
      'model',
      'Up next bars',
      'v3',
      expect.stringContaining('02/01'),
      'Failed: Too little history for the walk-forward windows',
      'In 5 bars',
      '364 bars',
    ]);
    click(byRole(document, 'tab', 'Settings'));
    await flush();
    expect(document.body.textContent).toContain('Every 24 closed bars');
  });
});
