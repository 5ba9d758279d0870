// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import type { QuoteCurrency } from '../../store/types';
import { LIVE_ACCOUNT, OK_STATE, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge, type Handlers } from '../../test-utils/memory-bridge';
import { allByRole, byRole, choose } from '../../test-utils/queries';
import { byTestId, click, flush, render, type Rendered } from '../../test-utils/render';
import { FakeHistoryView } from './fake-history-view';
import { PortfolioWorkspace } from './PortfolioWorkspace';
import { HISTORY_REFRESH_MS } from './use-portfolio-history';
import { HISTORY_EMPTY_TEXT } from './ValueHistoryChart';

const KRAKEN_ID = 'kraken-1';
const AUTH_MESSAGE = 'Kraken rejected the key or its signature. Copy the key and secret again from the exchange.';

const REPLAY = { kind: 'own', name: 'offline replay', via: null, peg: null, at: null, stale: false } as const;
const BINANCE_PRICES = { kind: 'own', name: 'Binance', via: null, peg: null, at: Date.UTC(2024, 4, 1, 13, 58), stale: false } as const;

/** Paper holds USDT and BTC; Binance holds BTC and an unpriced XYZ; Kraken fails with an auth error. */
function snapshotIn(quote: QuoteCurrency, updatedAt = 1_000): PortfolioSnapshot {
  const rate = quote === 'EUR' ? 0.5 : 1;
  const usdt = 10_000 * rate;
  const paperBtc = 25_000 * rate;
  const liveBtc = 15_000 * rate;
  return {
    quote,
    totalValue: usdt + paperBtc + liveBtc,
    updatedAt,
    accounts: [
      {
        accountId: PAPER_ACCOUNT.id,
        label: 'Paper',
        exchangeId: 'binance',
        totalValue: usdt + paperBtc,
        balances: [
          { asset: 'USDT', free: 10_000, used: 0, total: 10_000, value: usdt },
          { asset: 'BTC', free: 0.5, used: 0, total: 0.5, value: paperBtc, source: REPLAY },
        ],
        state: OK_STATE,
        balancesAt: Date.UTC(2024, 4, 1, 14, 5),
      },
      {
        accountId: LIVE_ACCOUNT.id,
        label: 'Binance main',
        exchangeId: 'binance',
        totalValue: liveBtc,
        balances: [
          { asset: 'BTC', free: 0.2, used: 0.1, total: 0.3, value: liveBtc, source: { ...BINANCE_PRICES, stale: true } },
          { asset: 'XYZ', free: 7, used: 0, total: 7, value: null, source: null },
        ],
        unpriced: ['XYZ'],
        unpricedHoldings: [{ asset: 'XYZ', amount: 7, reason: `no market to ${quote} on any connected venue` }],
        stalePricesSince: Date.UTC(2024, 4, 1, 13, 58),
        state: { status: 'rate_limited', since: Date.UTC(2024, 4, 1, 13, 58), message: 'Binance is rate limiting; retrying in 30 s.' },
        balancesAt: Date.UTC(2024, 4, 1, 13, 58),
      },
      {
        accountId: KRAKEN_ID,
        label: 'Kraken',
        exchangeId: 'kraken',
        totalValue: 0,
        balances: [],
        state: { status: 'auth_error', since: null, message: AUTH_MESSAGE },
        balancesAt: null,
      },
    ],
    assets: [
      {
        asset: 'BTC',
        free: 0.7,
        used: 0.1,
        total: 0.8,
        value: paperBtc + liveBtc,
        byAccount: [
          { accountId: PAPER_ACCOUNT.id, total: 0.5, value: paperBtc },
          { accountId: LIVE_ACCOUNT.id, total: 0.3, value: liveBtc },
        ],
      },
      {
        asset: 'USDT',
        free: 10_000,
        used: 0,
        total: 10_000,
        value: usdt,
        byAccount: [{ accountId: PAPER_ACCOUNT.id, total: 10_000, value: usdt }],
      },
      { asset: 'XYZ', free: 7, used: 0, total: 7, value: null, byAccount: [{ accountId: LIVE_ACCOUNT.id, total: 7, value: null }] },
    ],
  };
}

const HOUR = 3_600_000;
let bridge: MemoryBridge;
let view: Rendered | null = null;
let chart: FakeHistoryView;
let history: Array<{ at: number; value: number }>;

function mount(handlers: Handlers = {}) {
  bridge = new MemoryBridge({
    'portfolio.snapshot': (input) => snapshotIn(input?.quote ?? 'USDT'),
    'portfolio.history': () => history,
    ...handlers,
  });
  chart = new FakeHistoryView();
  view = render(<PortfolioWorkspace createHistoryView={() => chart} />, createRpcClient(bridge));
}

const cards = () => allByRole(document, 'article');
const assetRows = () =>
  [...document.querySelectorAll('[data-testid="asset-row"], [data-testid="asset-split"]')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
  );

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  history = [];
});
afterEach(() => {
  view?.unmount();
  view = null;
});

describe('PortfolioWorkspace', () => {
  it('shows the total, every account with its own state, and the merged assets', async () => {
    mount();
    await flush();
    expect(bridge.callsOf('portfolio.snapshot')).toEqual([{ quote: 'USDT' }]);
    expect(byTestId(document, 'portfolio-total').textContent).toBe('50,000.00 USDT');

    expect(cards().map((card) => card.dataset.state)).toEqual(['ok', 'rate_limited', 'auth_error']);
    const [paper, binance, kraken] = cards() as [HTMLElement, HTMLElement, HTMLElement];
    expect(paper.textContent).toContain('Paper · binance');
    expect(byTestId(paper, 'portfolio-account-total').textContent).toBe('35,000.00 USDT');
    expect(paper.textContent).toContain('balances from 14:05 UTC · 2 assets');
    expect(byTestId(binance, 'account-state').textContent).toBe('Rate limited · stale since 13:58 UTC');
    expect(byTestId(binance, 'portfolio-account-total').textContent).toBe('15,000.00 USDT');
    // The failing account says why, and the others are still all there.
    expect(byTestId(kraken, 'account-state').textContent).toBe('Auth error');
    expect(byTestId(kraken, 'portfolio-account-total').textContent).toBe('—');
    expect(kraken.textContent).toContain(AUTH_MESSAGE);
    expect(kraken.textContent).toContain('No balances read yet');

    expect(assetRows()).toEqual([
      ['BTC', '0.70', '0.10', '0.80', '40,000.00', '80.0%', 'offline replay, Binance · stale 13:58 UTC'],
      ['USDT', '10,000.00', '0.00', '10,000.00', '10,000.00', '20.0%', ''],
      ['XYZ', '7.00', '0.00', '7.00', '—', '—', ''],
    ]);
    // What has no price is named with its amount, venue and why, and the total says it leaves it out.
    expect(byTestId(document, 'portfolio-unpriced').textContent).toContain(
      'Not priced: XYZ 7.00 on Binance main — no market to USDT on any connected venue',
    );
    expect(byTestId(document, 'portfolio-valuation-note').textContent).toContain('The total excludes XYZ');
    expect(byTestId(binance, 'portfolio-account-stale-prices').textContent).toBe('valued at prices from 13:58 UTC, not refreshed since');
    const xyzValue = document.querySelector('[data-asset="XYZ"] td:nth-of-type(4)') as HTMLElement;
    expect(xyzValue.title).toBe('No price in USDT');
  });

  it('expands an asset into its per-account split', async () => {
    mount();
    await flush();
    const toggle = byRole(document, 'button', 'BTC by account');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(assetRows().slice(0, 3)).toEqual([
      ['BTC', '0.70', '0.10', '0.80', '40,000.00', '80.0%', 'offline replay, Binance · stale 13:58 UTC'],
      ['Paper', '', '', '0.50', '25,000.00', '50.0%', 'offline replay'],
      ['Binance main', '', '', '0.30', '15,000.00', '30.0%', 'Binance · stale 13:58 UTC'],
    ]);
    const controlled = (toggle.getAttribute('aria-controls') ?? '').split(' ');
    expect(controlled.map((id) => document.getElementById(id)?.dataset.accountId)).toEqual([PAPER_ACCOUNT.id, LIVE_ACCOUNT.id]);
    click(toggle);
    expect(document.querySelectorAll('[data-testid="asset-split"]')).toHaveLength(0);
  });

  it('draws the allocation as an SVG with a text alternative', async () => {
    mount();
    await flush();
    const allocation = byTestId(document, 'allocation-chart');
    expect(allocation.getAttribute('role')).toBe('img');
    expect(allocation.getAttribute('aria-label')).toBe('Allocation: BTC 80.0%, USDT 20.0%');
    expect([...allocation.querySelectorAll('rect')].map((rect) => [rect.getAttribute('x'), rect.getAttribute('width')])).toEqual([
      ['0', '80'],
      ['80', '20'],
    ]);
  });

  it('re-queries snapshot and history in the chosen currency', async () => {
    history = [
      { at: 10 * HOUR, value: 100 },
      { at: 11 * HOUR, value: 120 },
    ];
    mount();
    await flush();
    expect(bridge.callsOf('portfolio.history')).toEqual([{ quote: 'USDT' }]);
    expect(chart.last()).toEqual({ points: history, quote: 'USDT' });

    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Valuation currency'), 'EUR');
    await flush();
    expect(useStore.getState().portfolioQuote).toBe('EUR');
    expect(bridge.callsOf('portfolio.snapshot')).toEqual([{ quote: 'USDT' }, { quote: 'EUR' }]);
    expect(bridge.callsOf('portfolio.history')).toEqual([{ quote: 'USDT' }, { quote: 'EUR' }]);
    expect(byTestId(document, 'portfolio-total').textContent).toBe('25,000.00 EUR');
    expect(chart.last()?.quote).toBe('EUR');
    expect(byTestId(document, 'portfolio-history-chart').dataset.quote).toBe('EUR');
    expect(document.querySelector('[data-asset="XYZ"] td:nth-of-type(4)')?.getAttribute('title')).toBe('No price in EUR');
  });

  it('ignores a snapshot that answers for the previous currency, even a newer one', async () => {
    let answerUsdt: (snapshot: PortfolioSnapshot) => void = () => {};
    mount({
      'portfolio.snapshot': (input) =>
        input?.quote === 'USDT'
          ? new Promise<PortfolioSnapshot>((resolve) => (answerUsdt = resolve))
          : snapshotIn(input?.quote ?? 'USDT', 2_000),
    });
    await flush();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Valuation currency'), 'EUR');
    answerUsdt(snapshotIn('USDT', 3_000));
    await flush();
    expect(bridge.callsOf('portfolio.snapshot')).toEqual([{ quote: 'USDT' }, { quote: 'EUR' }]);
    expect(useStore.getState().portfolio?.quote).toBe('EUR');
    expect(byTestId(document, 'portfolio-total').textContent).toBe('25,000.00 EUR');
  });

  it('explains an empty history and draws one once there are two samples', async () => {
    history = [{ at: 10 * HOUR, value: 100 }];
    mount();
    await flush();
    const canvas = byTestId(document, 'portfolio-history-chart');
    expect(canvas.dataset.state).toBe('empty');
    expect(document.body.textContent).toContain(HISTORY_EMPTY_TEXT);

    history = [...history, { at: 10 * HOUR + 300_000, value: 110 }];
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Valuation currency'), 'USD');
    await flush();
    expect(canvas.dataset.state).toBe('ready');
    expect(canvas.getAttribute('aria-label')).toBe(
      'Portfolio value in USD from 1970-01-01 10:00 UTC to 1970-01-01 10:05 UTC: 100.00 USD to 110.00 USD',
    );
    expect(document.body.textContent).not.toContain(HISTORY_EMPTY_TEXT);
  });

  it('refreshes on portfolio.changed and keeps the accounts visible through a failed refresh', async () => {
    mount();
    await flush();
    bridge.setHandler('portfolio.snapshot', () => Promise.reject(new Error('host restarting')));
    act(() => bridge.emit('portfolio.changed', { accountIds: [LIVE_ACCOUNT.id] }));
    await flush();
    expect(bridge.callsOf('portfolio.snapshot')).toHaveLength(2);
    expect(byRole(document, 'alert').textContent).toContain('The portfolio may be out of date:');
    expect(cards()).toHaveLength(3);
  });

  it('extends the history with `since`, at most once a minute', async () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(5_000_000);
    try {
      history = [
        { at: 10 * HOUR, value: 100 },
        { at: 10 * HOUR + 300_000, value: 110 },
      ];
      mount();
      await flush();
      act(() => bridge.emit('portfolio.changed', { accountIds: [PAPER_ACCOUNT.id] }));
      await flush();
      expect(bridge.callsOf('portfolio.history')).toEqual([{ quote: 'USDT' }]);

      now.mockReturnValue(5_000_000 + HISTORY_REFRESH_MS);
      history = [{ at: 10 * HOUR + 600_000, value: 130 }];
      act(() => bridge.emit('portfolio.changed', { accountIds: [PAPER_ACCOUNT.id] }));
      await flush();
      expect(bridge.callsOf('portfolio.history')).toEqual([{ quote: 'USDT' }, { quote: 'USDT', since: 10 * HOUR + 300_001 }]);
      expect(chart.last()?.points.map((point) => point.value)).toEqual([100, 110, 130]);
    } finally {
      now.mockRestore();
    }
  });

  it('sorts the assets by a heading, unpriced ones last', async () => {
    mount();
    await flush();
    const firstCells = () => [...document.querySelectorAll('[data-testid="asset-row"]')].map((row) => (row as HTMLElement).dataset.asset);
    expect(firstCells()).toEqual(['BTC', 'USDT', 'XYZ']);
    click(byRole(document, 'button', 'Total'));
    expect(firstCells()).toEqual(['USDT', 'XYZ', 'BTC']);
    const sortedBy = () =>
      [...document.querySelectorAll('th[aria-sort]:not([aria-sort="none"])')].map((th) => [th.textContent, th.getAttribute('aria-sort')]);
    expect(sortedBy()).toEqual([['Total ▼', 'descending']]);
    click(byRole(document, 'button', /^Value/));
    click(byRole(document, 'button', /^Value/));
    expect(firstCells()).toEqual(['USDT', 'BTC', 'XYZ']);
    expect(sortedBy()).toEqual([['Value (USDT) ▲', 'ascending']]);
  });

  it('groups the holdings by account, each with its state and the prices that valued each row', async () => {
    mount();
    await flush();
    click(byRole(document, 'button', 'By account'));
    expect(byRole(document, 'button', 'By account').getAttribute('aria-pressed')).toBe('true');
    const groups = [...document.querySelectorAll<HTMLElement>('[data-testid="account-group"]')];
    expect(groups.map((row) => row.dataset.state)).toEqual(['ok', 'rate_limited', 'auth_error']);
    expect(groups[2]!.textContent).toContain(AUTH_MESSAGE);
    const holdings = [...document.querySelectorAll('[data-testid="account-holding"]')].map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
    );
    expect(holdings).toEqual([
      ['USDT', '10,000.00', '0.00', '10,000.00', '10,000.00', '20.0%', ''],
      ['BTC', '0.50', '0.00', '0.50', '25,000.00', '50.0%', 'offline replay'],
      ['BTC', '0.20', '0.10', '0.30', '15,000.00', '30.0%', 'Binance · stale 13:58 UTC'],
      ['XYZ', '7.00', '0.00', '7.00', '—', '—', ''],
    ]);
    expect(document.body.textContent).toContain('No balances read yet.');
  });
});
