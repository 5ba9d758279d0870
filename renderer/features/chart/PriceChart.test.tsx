// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { byTestId, click, flush, render, type Rendered } from '../../test-utils/render';
import { FakeChartView } from './fake-chart-view';
import { PriceChart } from './PriceChart';

const HOUR = 3_600_000;
const bar = (index: number, close = 100): Candle => [index * HOUR, 100, 110, 90, close, 5];
const history = (count: number) => Array.from({ length: count }, (_, index) => bar(index));

let bridge: MemoryBridge;
let views: FakeChartView[];
let view: Rendered | null = null;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function mount(handlers: Handlers = {}) {
  bridge = new MemoryBridge({
    'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles: history(3) }),
    'orders.list': () => [],
    'brackets.list': () => [],
    'trades.list': () => [],
    ...handlers,
  });
  views = [];
  const createView = () => {
    const created = new FakeChartView();
    views.push(created);
    return created;
  };
  view = render(<PriceChart createView={createView} />, createRpcClient(bridge));
}

const chart = () => byTestId(document, 'price-chart');
const activeView = () => views.at(-1) as FakeChartView;
const emitCandles = (updates: MethodOutput<'candles.get'>['candles'], symbol = 'BTC/USDT', timeframe = '1h' as const, venue = 'binance') =>
  act(() => bridge.emit('candles', { updates: updates.map((candle) => ({ symbol, timeframe, candle, venue })) }));

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT', 0.01), market('ETH/BTC', 0.000001)]));
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('PriceChart', () => {
  it('draws the selected market’s history and exposes it on the chart element', async () => {
    mount();
    await flush();
    expect(bridge.callsOf('candles.get')).toEqual([{ accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', timeframe: '1h', limit: 1000 }]);
    expect(chart().dataset).toMatchObject({ symbol: 'BTC/USDT', timeframe: '1h', candleCount: '3', state: 'ready' });
    expect(activeView().priceStep).toBe(0.01);
    expect(byTestId(document, 'chart-legend').textContent).toContain('C100.00');
  });

  it('applies live bars for its market to the view, counting appended bars', async () => {
    mount();
    await flush();
    emitCandles([bar(2, 105)]); // the forming bar changes
    expect(chart().dataset.candleCount).toBe('3');
    emitCandles([bar(3, 107)]); // a new bar opens
    expect(chart().dataset.candleCount).toBe('4');
    emitCandles([bar(4)], 'ETH/BTC'); // another market
    emitCandles([bar(4)], 'BTC/USDT', '1m' as never); // another timeframe
    emitCandles([bar(4, 999)], 'BTC/USDT', '1h', 'bybit'); // the same market on another venue
    expect(chart().dataset.candleCount).toBe('4');
    expect(activeView().applied).toEqual([bar(2, 105), bar(3, 107)]);
    expect(byTestId(document, 'chart-legend').textContent).toContain('C107.00');
    // History was drawn once; live bars never went through setCandles.
    expect(activeView().setCandlesCalls).toHaveLength(1);
  });

  it('switches timeframe with the buttons, resetting the count while the new history loads', async () => {
    const slow = deferred<MethodOutput<'candles.get'>>();
    mount();
    await flush();
    const hour = document.querySelector('button[aria-label="Timeframe 1h"]') as HTMLButtonElement;
    const five = document.querySelector('button[aria-label="Timeframe 5m"]') as HTMLButtonElement;
    expect(hour.getAttribute('aria-pressed')).toBe('true');
    expect(five.getAttribute('aria-pressed')).toBe('false');

    bridge.setHandler('candles.get', () => slow.promise);
    click(five);
    expect(useStore.getState().timeframe).toBe('5m');
    expect(five.getAttribute('aria-pressed')).toBe('true');
    expect(chart().dataset).toMatchObject({ timeframe: '5m', candleCount: '0', state: 'loading' });
    expect(document.body.textContent).toContain('Loading BTC/USDT 5m candles…');

    // A live bar that arrives before the history is held and drawn on top of it.
    emitCandles([[5 * HOUR, 1, 2, 0.5, 1.5, 9]], 'BTC/USDT', '5m' as never);
    await act(async () => slow.resolve({ symbol: 'BTC/USDT', timeframe: '5m', venue: 'binance', candles: history(5) }));
    await flush();
    expect(chart().dataset).toMatchObject({ timeframe: '5m', candleCount: '6', state: 'ready' });
    expect(activeView().setCandlesCalls.at(-1)?.timeframe).toBe('5m');
    expect(document.body.textContent).not.toContain('Loading');
  });

  it('reloads when the market changes and ignores a late answer for the previous one', async () => {
    const slowBtc = deferred<MethodOutput<'candles.get'>>();
    mount({
      'candles.get': (input) => (input.symbol === 'BTC/USDT' ? slowBtc.promise : { ...input, venue: 'binance', candles: history(7) }),
    });
    await flush();
    act(() => useStore.getState().selectSymbol('ETH/BTC'));
    await flush();
    expect(chart().dataset).toMatchObject({ symbol: 'ETH/BTC', candleCount: '7' });
    await act(async () => slowBtc.resolve({ symbol: 'BTC/USDT', timeframe: '1h', venue: 'binance', candles: history(2) }));
    expect(chart().dataset).toMatchObject({ symbol: 'ETH/BTC', candleCount: '7' });
    expect(activeView().priceStep).toBe(0.000001);
  });

  it('waits for the new account’s market list before charting after an account switch', async () => {
    mount();
    await flush();
    act(() => {
      const state = useStore.getState();
      state.setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
      state.selectAccount(LIVE_ACCOUNT.id);
      state.beginMarketsLoad(LIVE_ACCOUNT.id);
    });
    await flush();
    expect(bridge.callsOf('candles.get')).toHaveLength(1); // nothing asked of the new account yet
    act(() => useStore.getState().setMarketList(LIVE_ACCOUNT.id, marketList([market('ETH/BTC', 0.000001)])));
    await flush();
    expect(bridge.callsOf('candles.get').at(-1)).toEqual({
      accountId: LIVE_ACCOUNT.id,
      symbol: 'ETH/BTC',
      timeframe: '1h',
      limit: 1000,
    });
    expect(chart().dataset).toMatchObject({ symbol: 'ETH/BTC', candleCount: '3', state: 'ready' });
  });

  it('shows the error with a Retry that loads again', async () => {
    mount({
      'candles.get': () => {
        throw new TradewindError('exchange_down', 'Binance is not answering');
      },
    });
    await flush();
    const alert = document.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('Could not load BTC/USDT candles: Binance is not answering');
    expect(chart().dataset.state).toBe('error');

    bridge.setHandler('candles.get', (input) => ({
      symbol: input.symbol,
      timeframe: input.timeframe,
      venue: 'binance',
      candles: history(4),
    }));
    click(alert.querySelector('button') as HTMLButtonElement);
    await flush();
    expect(document.querySelector('[role="alert"]')).toBeNull();
    expect(chart().dataset).toMatchObject({ candleCount: '4', state: 'ready' });
  });

  it('says so when a market has no candles yet, until the first live bar', async () => {
    mount({ 'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles: [] }) });
    await flush();
    expect(document.body.textContent).toContain('No 1h candles for BTC/USDT yet.');
    expect(chart().dataset.state).toBe('empty');
    emitCandles([bar(1)]);
    expect(chart().dataset).toMatchObject({ candleCount: '1', state: 'ready' });
    expect(document.body.textContent).not.toContain('No 1h candles');
  });

  it('destroys the chart when unmounted', async () => {
    mount();
    await flush();
    view?.unmount();
    view = null;
    expect(views.every((created) => created.destroyed)).toBe(true);
  });
});
