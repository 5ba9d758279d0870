// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { byTestId, click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { FakeChartView } from './fake-chart-view';
import { TAIL_INTERVAL_MS } from './indicator-feed';
import { PriceChart } from './PriceChart';

const HOUR = 3_600_000;
const bar = (index: number, close = 100 + index): Candle => [index * HOUR, 100, 110, 90, close, 5];
const bars = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => bar(from + i));

type ComputeInput = MethodInput<'indicators.compute'>;

/**
 * Plays core's indicators.compute with a recognisable answer per bar (the close times the
 * indicator's first parameter, null for the first bar), so a test can tell which bars and
 * parameters the chart sent and whether it drew the answer where it belongs.
 */
function fakeCompute(input: ComputeInput): MethodOutput<'indicators.compute'> {
  return {
    series: input.indicators.map((spec) => {
      const scale = Object.values(spec.params)[0] as number;
      const line = input.candles.map((candle, i) => (i === 0 ? null : candle[4] * scale));
      const names = {
        sma: ['value'],
        ema: ['value'],
        rsi: ['value'],
        bollinger: ['upper', 'middle', 'lower'],
        macd: ['macd', 'signal', 'histogram'],
      }[spec.kind];
      return { id: spec.id, kind: spec.kind, lines: Object.fromEntries(names.map((name) => [name, line])) };
    }),
  };
}

let bridge: MemoryBridge;
let views: FakeChartView[];
let view: Rendered | null = null;

function mount(handlers: Handlers = {}) {
  bridge = new MemoryBridge({
    'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles: bars(100, 110) }),
    'indicators.compute': fakeCompute,
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

const activeView = () => views.at(-1) as FakeChartView;
const computeCalls = () => bridge.callsOf('indicators.compute') as ComputeInput[];
const openMenu = () => click(document.querySelector('button[aria-controls]') as HTMLButtonElement);
const checkbox = (label: string) =>
  [...document.querySelectorAll<HTMLLabelElement>('.indicator-toggle')]
    .find((l) => l.textContent === label)
    ?.querySelector('input') as HTMLInputElement;
const field = (name: string) => document.querySelector(`input[aria-label="${name}"]`) as HTMLInputElement;
const legendRow = (id: string) => byTestId(document, 'indicator-legend').querySelector(`[data-indicator="${id}"]`)?.textContent;

beforeEach(() => {
  localStorage.clear();
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT', 0.01)]));
});
afterEach(() => {
  view?.unmount();
  view = null;
  vi.useRealTimers();
});

describe('PriceChart indicators', () => {
  it('toggling RSI adds its pane with core’s values and a legend row; unticking removes both', async () => {
    mount();
    await flush();
    expect(activeView().panes()).toBe(1);
    expect(computeCalls()).toHaveLength(0); // nothing asked while no indicator is on

    openMenu();
    click(checkbox('RSI'));
    await flush();
    expect(computeCalls()).toEqual([{ indicators: [{ id: 'rsi', kind: 'rsi', params: { period: 14 } }], candles: bars(100, 110) }]);
    expect(activeView().panes()).toBe(2);
    expect(byTestId(document, 'price-chart').dataset.panes).toBe('2');
    expect(activeView().indicatorSeries.map((s) => [s.key, s.pane])).toEqual([['rsi.value', 1]]);
    const drawn = activeView().indicatorData.get('rsi')!;
    expect(drawn.times).toEqual(bars(100, 110).map((b) => b[0]));
    expect(drawn.lines.value).toEqual([null, ...bars(101, 110).map((b) => b[4] * 14)]);
    // The legend follows the last bar: close 209 × 14.
    expect(legendRow('rsi')).toBe(`RSI 14${(209 * 14).toFixed(2)}`.replace(/(\d)(?=(\d{3})+\.)/g, '$1,'));

    click(checkbox('MACD'));
    await flush();
    expect(activeView().panes()).toBe(3);
    expect(
      activeView()
        .indicatorSeries.filter((s) => s.indicatorId === 'macd')
        .map((s) => [s.line, s.pane, s.style]),
    ).toEqual([
      ['macd', 2, 'line'],
      ['signal', 2, 'line'],
      ['histogram', 2, 'histogram'],
    ]);

    click(checkbox('RSI'));
    await flush();
    expect(activeView().panes()).toBe(2);
    expect(activeView().indicatorSeries.map((s) => s.key)).toEqual(['macd.macd', 'macd.signal', 'macd.histogram']);
    expect(activeView().indicatorSeries.every((s) => s.pane === 1)).toBe(true);
    expect(legendRow('rsi')).toBeUndefined();
  });

  it('overlays stay on the price pane; periods are edited, validated and remembered per chart', async () => {
    mount();
    await flush();
    openMenu();
    click(checkbox('SMA'));
    click(checkbox('Bollinger Bands'));
    await flush();
    expect(activeView().panes()).toBe(1);
    expect(activeView().indicatorSeries.map((s) => [s.key, s.pane])).toEqual([
      ['sma.value', 0],
      ['bollinger.upper', 0],
      ['bollinger.middle', 0],
      ['bollinger.lower', 0],
    ]);

    typeInto(field('SMA period'), '0');
    await flush();
    expect(document.body.textContent).toContain('SMA period must be at least 1 bar. Not drawn until fixed.');
    expect(field('SMA period').getAttribute('aria-invalid')).toBe('true');
    expect(activeView().indicatorSeries.map((s) => s.indicatorId)).not.toContain('sma');

    typeInto(field('SMA period'), '30');
    typeInto(field('Bollinger Bands std dev'), '2.5');
    await flush();
    expect(computeCalls().at(-1)?.indicators).toEqual([
      { id: 'sma', kind: 'sma', params: { period: 30 } },
      { id: 'bollinger', kind: 'bollinger', params: { period: 20, deviations: 2.5 } },
    ]);

    // Esc closes the panel and gives the focus back to its button.
    const menuButton = document.querySelector('button[aria-controls]') as HTMLButtonElement;
    act(() => {
      field('SMA period').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menuButton);
    expect(menuButton.textContent).toBe('Indicators (2)');

    // A new chart panel opens with the same choice.
    view?.unmount();
    mount();
    await flush();
    expect(computeCalls().at(-1)?.indicators).toEqual([
      { id: 'sma', kind: 'sma', params: { period: 30 } },
      { id: 'bollinger', kind: 'bollinger', params: { period: 20, deviations: 2.5 } },
    ]);
    expect(legendRow('sma')).toBe(`SMA 30${(209 * 30).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });

  it('live bars ask core for the tail only, with the lookback, at most once per interval', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    localStorage.setItem('tradewind.chart.main.indicators.v1', JSON.stringify({ sma: { enabled: true, params: { period: '3' } } }));
    mount();
    await flush();
    expect(computeCalls()).toHaveLength(1);

    const emit = (candle: Candle) =>
      act(() => bridge.emit('candles', { updates: [{ symbol: 'BTC/USDT', timeframe: '1h', candle, venue: 'binance' }] }));
    emit(bar(109, 300)); // the forming bar moves
    await act(async () => vi.advanceTimersByTimeAsync(0));
    // SMA 3 needs 2 bars before the changed one: bars 107..109.
    expect(computeCalls()).toHaveLength(2);
    expect(computeCalls()[1]!.candles).toEqual([bar(107), bar(108), bar(109, 300)]);
    expect(activeView().indicatorUpdates.at(-1)).toEqual({ id: 'sma', times: [109 * HOUR] });
    expect(activeView().indicatorData.get('sma')!.lines.value!.at(-1)).toBe(300 * 3);

    emit(bar(109, 301));
    emit(bar(110, 302)); // a new bar opens
    emit(bar(110, 303));
    await act(async () => vi.advanceTimersByTimeAsync(TAIL_INTERVAL_MS - 10));
    expect(computeCalls()).toHaveLength(2); // throttled
    await act(async () => vi.advanceTimersByTimeAsync(20));
    expect(computeCalls()).toHaveLength(3);
    expect(computeCalls()[2]!.candles).toEqual([bar(107), bar(108), bar(109, 301), bar(110, 303)]);
    expect(activeView().indicatorData.get('sma')!.times.at(-1)).toBe(110 * HOUR);
    expect(legendRow('sma')).toBe(`SMA 3${(303 * 3).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
  });

  it('an indicator failure says why without breaking the chart', async () => {
    localStorage.setItem('tradewind.chart.main.indicators.v1', JSON.stringify({ ema: { enabled: true, params: { period: '9' } } }));
    mount({
      'indicators.compute': () => {
        throw new Error('engine unavailable');
      },
    });
    await flush();
    expect(document.querySelector('.chart-note[role="alert"]')?.textContent).toContain('Indicators could not be computed');
    expect(byTestId(document, 'price-chart').dataset).toMatchObject({ state: 'ready', candleCount: '10' });
  });
});

describe('PriceChart scroll-back', () => {
  it('asks for one older page as the view nears the oldest bar, prepends it, and stops at the start of history', async () => {
    let resolvePage: (page: MethodOutput<'candles.get'>) => void = () => {};
    localStorage.setItem('tradewind.chart.main.indicators.v1', JSON.stringify({ sma: { enabled: true, params: { period: '3' } } }));
    mount({
      'candles.get': (input) =>
        input.before === undefined
          ? { symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles: bars(100, 110) }
          : new Promise((resolve) => {
              resolvePage = resolve;
            }),
    });
    await flush();
    activeView().scrollTo(500); // far from the start: nothing to do
    expect(bridge.callsOf('candles.get')).toHaveLength(1);

    act(() => activeView().scrollTo(40));
    act(() => activeView().scrollTo(20)); // still waiting: no second request
    expect(bridge.callsOf('candles.get')).toEqual([
      { accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', timeframe: '1h', limit: 1000 },
      { accountId: PAPER_ACCOUNT.id, symbol: 'BTC/USDT', timeframe: '1h', before: 100 * HOUR, limit: 1000 },
    ]);
    expect(byTestId(document, 'older-candles').textContent).toBe('Loading older candles…');

    await act(async () => resolvePage({ symbol: 'BTC/USDT', timeframe: '1h', venue: 'binance', candles: bars(90, 100) }));
    await flush();
    expect(activeView().bars()).toEqual(bars(90, 110));
    expect(activeView().setCandlesCalls).toHaveLength(1); // prepended in place, not reloaded
    expect(byTestId(document, 'price-chart').dataset.candleCount).toBe('20');
    expect(document.querySelector('[data-testid="older-candles"]')).toBeNull();
    // Indicators: the page plus the bars whose warm-up it completes (SMA 3: 2 more).
    expect(computeCalls().at(-1)?.candles).toEqual(bars(90, 102));
    expect(activeView().indicatorData.get('sma')!.times).toEqual(bars(90, 110).map((b) => b[0]));

    act(() => activeView().scrollTo(5));
    await act(async () => resolvePage({ symbol: 'BTC/USDT', timeframe: '1h', venue: 'binance', candles: [], startReached: true }));
    await flush();
    expect(byTestId(document, 'older-candles').textContent).toBe('Start of history');
    act(() => activeView().scrollTo(0));
    expect(bridge.callsOf('candles.get')).toHaveLength(3);
  });
});

describe('PriceChart timeframes', () => {
  it('offers every timeframe and disables 1m on the offline replay, with the reason', async () => {
    act(() => {
      const state = useStore.getState();
      state.setMarketDataStatus({ mode: 'replay', exchangeId: 'binance', exchangeName: 'Binance', detail: 'Offline.' });
      state.setMarketList(PAPER_ACCOUNT.id, {
        ...marketList([market('BTC/USDT', 0.01)]),
        timeframes: ['5m', '15m', '1h', '4h', '1d', '1w'],
      });
    });
    mount();
    await flush();
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.timeframe-bar button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['1m', '5m', '15m', '1h', '4h', '1d', '1w']);
    const oneMinute = buttons[0]!;
    expect(oneMinute.getAttribute('aria-disabled')).toBe('true');
    expect(oneMinute.title).toContain('The offline replay records 5-minute bars: it can show 5m, 15m, 1h, 4h, 1d, 1w, not 1m.');
    expect(oneMinute.getAttribute('aria-description')).toBe(oneMinute.title);
    expect(buttons.slice(1).every((b) => !b.hasAttribute('aria-disabled'))).toBe(true);
    click(oneMinute);
    expect(useStore.getState().timeframe).toBe('1h');
    click(buttons[6]!);
    expect(useStore.getState().timeframe).toBe('1w');
    await flush();
  });
});

describe('PriceChart memory cap', () => {
  it('unloads the newest bars past the cap while scrolled back, pauses live bars, and goes back to the latest on request', async () => {
    localStorage.setItem('tradewind.chart.main.indicators.v1', JSON.stringify({ sma: { enabled: true, params: { period: '3' } } }));
    bridge = new MemoryBridge({
      'candles.get': (input) => ({
        symbol: input.symbol,
        timeframe: input.timeframe,
        venue: 'binance',
        candles: input.before === undefined ? bars(100, 110) : bars(90, 100),
      }),
      'indicators.compute': fakeCompute,
      'orders.list': () => [],
      'brackets.list': () => [],
      'trades.list': () => [],
    });
    views = [];
    view = render(
      <PriceChart
        maxBars={15}
        createView={() => {
          const created = new FakeChartView();
          views.push(created);
          return created;
        }}
      />,
      createRpcClient(bridge),
    );
    await flush();
    act(() => activeView().scrollTo(3));
    await flush();
    // 10 older + 10 drawn = 20 > 15: the 5 newest (the far end from the view) are unloaded.
    expect(activeView().bars()).toEqual(bars(90, 105));
    expect(byTestId(document, 'price-chart').dataset.candleCount).toBe('15');
    expect(activeView().indicatorData.get('sma')!.times.at(-1)).toBe(104 * HOUR);
    expect(byTestId(document, 'chart-detached').textContent).toContain('live updates paused');

    act(() => bridge.emit('candles', { updates: [{ symbol: 'BTC/USDT', timeframe: '1h', candle: bar(110), venue: 'binance' }] }));
    expect(activeView().bars()).toHaveLength(15); // no bar after a gap

    click(byTestId(document, 'chart-detached').querySelector('button') as HTMLButtonElement);
    await flush();
    expect(activeView().bars()).toEqual(bars(100, 110));
    expect(document.querySelector('[data-testid="chart-detached"]')).toBeNull();
    act(() => bridge.emit('candles', { updates: [{ symbol: 'BTC/USDT', timeframe: '1h', candle: bar(110), venue: 'binance' }] }));
    expect(activeView().bars()).toHaveLength(11);
  });
});
