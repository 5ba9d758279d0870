// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { byTestId, click, flush, render, type Rendered } from '../../test-utils/render';
import { FakeChartView } from './fake-chart-view';
import { PriceChart } from './PriceChart';

const HOUR = 3_600_000;
const candles: Candle[] = [0, 1, 2].map((index) => [index * HOUR, 100, 110, 90, 100, 5]);

const order: OrderView = {
  clientOrderId: 'tw1',
  accountId: PAPER_ACCOUNT.id,
  exchangeOrderId: null,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  amount: 0.01,
  price: 95,
  stopPrice: null,
  status: 'open',
  filled: 0,
  averagePrice: null,
  cost: 0,
  fees: [],
  origin: 'manual',
  originId: null,
  originRole: null,
  marketAt: null,
  lookups: 0,
  error: null,
  createdAt: 0,
  updatedAt: 0,
};
const fill: TradeView = {
  accountId: PAPER_ACCOUNT.id,
  tradeId: 'f1',
  clientOrderId: 'tw0',
  symbol: 'BTC/USDT',
  side: 'buy',
  price: 100,
  amount: 0.01,
  cost: 1,
  fee: 0,
  feeAsset: 'BTC',
  maker: false,
  at: HOUR + 5,
  seq: 1,
};

let bridge: MemoryBridge;
let views: FakeChartView[];
let view: Rendered | null = null;
let open: OrderView[];

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT', 0.01)]));
  open = [order];
  bridge = new MemoryBridge({
    'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles }),
    'orders.list': () => open,
    'brackets.list': () => [],
    'trades.list': () => [fill],
    'orders.amend': (input) => ({ ...order, clientOrderId: 'tw1-r', price: input.price ?? order.price }),
  });
  views = [];
  view = render(
    <PriceChart
      createView={() => {
        const created = new FakeChartView();
        views.push(created);
        return created;
      }}
    />,
    createRpcClient(bridge),
  );
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('PriceChart trading overlays', () => {
  it('draws the account’s open orders as lines and its fills as markers, and follows order events', async () => {
    await flush();
    const chart = byTestId(document, 'price-chart');
    const fake = views.at(-1) as FakeChartView;
    expect(bridge.callsOf('orders.list')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', status: 'open' }]);
    expect(fake.orderLines.map((line) => [line.price, line.title])).toEqual([[95, 'Buy 0.01']]);
    expect(fake.fillMarkers).toEqual([{ time: HOUR, side: 'buy', text: 'Buy 0.01' }]);
    expect(chart.dataset).toMatchObject({ orderLines: '1', bracketLines: '0', fillMarkers: '1' });

    open = [];
    act(() => bridge.emit('orders.changed', { accountIds: [PAPER_ACCOUNT.id], orders: [] }));
    await flush();
    expect(fake.orderLines).toEqual([]);
    expect(chart.dataset.orderLines).toBe('0');
  });

  it('amends an order by dragging its line: at once on paper, after a confirmation on a live account', async () => {
    await flush();
    const fake = views.at(-1) as FakeChartView;
    act(() => fake.dropLine('Buy 0.01', 94.5));
    await flush();
    expect(bridge.callsOf('orders.amend')).toEqual([{ accountId: PAPER_ACCOUNT.id, clientOrderId: 'tw1', price: 94.5 }]);

    // The same account as a live one: moving its order now asks first.
    act(() => useStore.getState().setAccounts([{ ...PAPER_ACCOUNT, kind: 'live' }]));
    await flush();
    act(() => fake.dropLine('Buy 0.01', 93));
    const confirm = byRole(document, 'alertdialog', /Move the order to 93\.00 on the live account\?/);
    expect(bridge.callsOf('orders.amend')).toHaveLength(1);
    click(byRole(confirm, 'button', 'Move it'));
    await flush();
    expect(bridge.callsOf('orders.amend').at(-1)).toEqual({
      accountId: PAPER_ACCOUNT.id,
      clientOrderId: 'tw1',
      price: 93,
      confirmed: true,
    });
  });
});
