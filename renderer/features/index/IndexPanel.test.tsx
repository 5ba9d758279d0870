// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotInput, BotView } from '../../../shared/ipc/schemas/bots';
import type { IndexView, RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import { createRpcClient } from '../../lib/ipc/client';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { gridBot } from '../bots/test-fixtures';
import { IndexPanel } from './IndexPanel';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let indexViews: IndexView[];
let previews: unknown[];
let created: BotInput[];

const plan: RebalancePlan = {
  quote: 'USDT',
  totalValue: 10_000,
  assets: [
    { asset: 'BTC', amount: 0.2, price: 30_000, value: 6_000, weightPct: 60, targetPct: 50, driftPct: 10, afterPct: 50 },
    { asset: 'ETH', amount: 1.5, price: 2_000, value: 3_000, weightPct: 30, targetPct: 30, driftPct: 0, afterPct: 30 },
    { asset: 'USDT', amount: 1_000, price: 1, value: 1_000, weightPct: 10, targetPct: 20, driftPct: -10, afterPct: 20 },
  ],
  legs: [
    { asset: 'BTC', symbol: 'BTC/USDT', side: 'sell', amount: 0.0333, price: 30_000, value: 999, fee: 1, dropped: null },
    {
      asset: 'ETH',
      symbol: 'ETH/USDT',
      side: 'buy',
      amount: 0.001,
      price: 2_000,
      value: 2,
      fee: 0,
      dropped: "2.00 USDT is below the venue's minimum order value 5.00 USDT",
    },
  ],
  maxDriftPct: 10,
  fees: 1,
  cashAfter: 1_998,
};

const indexView: IndexView = {
  botId: 'bot-1',
  name: 'Majors',
  accountId: PAPER_ACCOUNT.id,
  state: 'running',
  config: {
    kind: 'rebalance',
    quote: 'USDT',
    basket: [
      { asset: 'BTC', weight: 50 },
      { asset: 'ETH', weight: 30 },
      { asset: 'USDT', weight: 20 },
    ],
    driftPct: 5,
    intervalHours: null,
    minTrade: 10,
  },
  plan,
  planError: null,
  nextDueAt: null,
  rounds: [
    {
      n: 1,
      reason: 'start',
      startedAt: 1_800_000_000_000,
      finishedAt: 1_800_000_001_000,
      phase: 'done',
      maxDriftPct: 80,
      legs: [
        {
          asset: 'BTC',
          symbol: 'BTC/USDT',
          side: 'buy',
          amount: 0.166,
          price: 30_000,
          value: 4_980,
          fee: 0,
          dropped: null,
          status: 'filled',
        },
      ],
    },
  ],
};

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT]);
  setDecimalSeparator('point');
  indexViews = [];
  previews = [];
  created = [];
  bridge = new MemoryBridge({
    'index.list': () => indexViews,
    'bots.list': () => [],
    'index.preview': (input) => {
      previews.push(input);
      return plan;
    },
    'bots.create': (input) => {
      created.push(input);
      indexViews = [{ ...indexView, botId: 'bot-2', name: input.name, state: 'stopped', rounds: [] }];
      return gridBot({ id: 'bot-2', name: input.name, kind: 'rebalance', config: input.config, symbol: input.symbol });
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
});

describe('Index view', () => {
  it('says what to do when there is no index bot, then builds one: a bad basket is refused on its field, the plan is previewed before the bot is created', async () => {
    view = render(<IndexPanel />, createRpcClient(bridge));
    await flush();
    expect(document.body.textContent).toContain('No index bot yet. Build a basket');

    click(byRole(document, 'button', 'New index bot…'));
    await flush();
    const create = byRole<HTMLButtonElement>(document, 'button', 'Create bot');
    expect(create.disabled).toBe(true);
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Weight of asset 2 (%)'), '30');
    click(byRole(document, 'button', 'Preview plan'));
    await flush();
    expect(byRole(document, 'alert').textContent).toBe('the weights add up to 80 %; they must add up to 100 %');
    expect(previews).toHaveLength(0);

    click(byRole(document, 'button', 'Add asset'));
    await flush();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Asset 3'), 'usdt');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Weight of asset 3 (%)'), '20');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Bot name'), 'Majors');
    click(byRole(document, 'button', 'Preview plan'));
    await flush();
    expect(previews).toEqual([
      {
        accountId: PAPER_ACCOUNT.id,
        capitalCap: 1000,
        config: {
          kind: 'rebalance',
          quote: 'USDT',
          basket: [
            { asset: 'BTC', weight: 50 },
            { asset: 'ETH', weight: 30 },
            { asset: 'USDT', weight: 20 },
          ],
          driftPct: 5,
          intervalHours: null,
          minTrade: 10,
        },
      },
    ]);
    const preview = byRole(document, 'region', 'Plan preview');
    expect(preview.textContent).toContain("Left out: 2.00 USDT is below the venue's minimum order value 5.00 USDT");
    expect(preview.textContent).toContain('1 market order, sells first');

    click(byRole(document, 'button', 'Create bot'));
    await flush();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ name: 'Majors', symbol: 'BTC/USDT', mode: 'paper', timeframe: '1h', risk: { capitalCap: 1000 } });
    expect(document.body.textContent).toContain('Majors');
  });

  it('shows target vs actual weights, drift past the threshold, the next plan with the reason a leg is left out, and the last rounds', async () => {
    indexViews = [indexView];
    view = render(<IndexPanel />, createRpcClient(bridge));
    await flush();
    const chart = byRole(document, 'img', /Target vs actual weights/);
    expect(chart.getAttribute('aria-label')).toBe('Target vs actual weights: BTC 60 % of 50 %, ETH 30 % of 30 %, USDT 10 % of 20 %');
    const btc = chart.querySelector('g[aria-label^="BTC"]')!;
    expect(btc.getAttribute('aria-label')).toBe('BTC: actual 60 %, target 50 %, drift +10 pp, after the plan 50 %');
    // Drift at or past 5 pp is drawn in the warning colour; ETH's is not.
    expect(btc.querySelector('.index-bars-actual--drift')).not.toBeNull();
    expect(chart.querySelector('g[aria-label^="ETH"] .index-bars-actual--drift')).toBeNull();
    const tables = [...document.querySelectorAll('table')];
    expect(tables[0]!.textContent).toContain('Next round if it started now');
    expect(tables[0]!.textContent).toContain('Sent at market');
    expect(tables[1]!.textContent).toContain('first round (80 pp)');
    expect(tables[1]!.textContent).toContain('buy 0.166 BTC');
    expect(document.body.textContent).toContain('rebalances at 5 pp drift · largest drift now 10 pp');

    // A bot change re-reads the plans (at most every few seconds).
    const before = bridge.calls.filter((c) => c.method === 'index.list').length;
    await act(async () => bridge.emit('bots.changed', { bots: [{ kind: 'rebalance' } as BotView] }));
    expect(bridge.calls.filter((c) => c.method === 'index.list').length).toBe(before);
  });
});
