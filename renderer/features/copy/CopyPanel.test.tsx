// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CopyRulesSchema, type CopyLinkInput, type CopyLinkView, type CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import type { FeedInput, FeedView } from '../../../shared/ipc/schemas/copy-feed';
import { createRpcClient } from '../../lib/ipc/client';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, choose } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { CopyPanel } from './CopyPanel';
import type { CopyStats, Performance, StatsPeriod } from '../../../shared/ipc/schemas/copy-stats';
import { FakeCopyChartView } from './stats/fake-copy-chart-view';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let links: CopyLinkView[];
let created: Array<CopyLinkInput & { confirmationCode?: string | undefined }>;
let statsAsked: Array<{ id: string; period: StatsPeriod }>;
let charts: FakeCopyChartView[];
const createChartView = () => {
  const chart = new FakeCopyChartView();
  charts.push(chart);
  return chart;
};

const tableNamed = (name: string) => document.querySelector(`table[aria-label="${name}"]`)!;

const performance = (over: Partial<Performance> = {}): Performance => ({
  quote: 'USDT',
  pnl: 0,
  fees: 0,
  capital: 0,
  roiPct: null,
  trades: 0,
  winRatePct: null,
  avgHoldMs: null,
  maxDrawdownPct: 0,
  sharpe: null,
  fills: 0,
  otherQuoteMarkets: [],
  ...over,
});

const emptyStats = (id: string, period: StatsPeriod): CopyStats => ({
  linkId: id,
  period,
  from: null,
  to: 1_800_000_000_000,
  leader: performance({ quote: null }),
  follower: performance({ quote: null }),
  tracking: {
    returnGapPct: null,
    copied: 0,
    skipped: 0,
    ignored: 0,
    failed: 0,
    reasons: [],
    avgSlippagePct: null,
    worstSlippagePct: null,
    avgDelayMs: null,
    maxDelayMs: null,
  },
  curves: { leader: [], follower: [] },
});
let feeds: FeedView[];
const FEED_ID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
const FEED_KEY = `ed25519:${'k'.repeat(42)}A`;
const feedView = (input: FeedInput): FeedView => ({
  id: FEED_ID,
  ...input,
  leaderLabel: PAPER_ACCOUNT.label,
  publicKey: FEED_KEY,
  path: `/feeds/${FEED_ID}`,
  lastSeq: 0,
  createdAt: 1_800_000_000_000,
  servedHere: true,
  problem: null,
});

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
  statsAsked = [];
  charts = [];
  feeds = [];
  bridge = new MemoryBridge({
    'copy.feeds.list': () => feeds,
    'copy.feeds.create': (input) => {
      feeds = [feedView(input)];
      return feeds[0]!;
    },
    'copy.feeds.delete': ({ id }) => {
      feeds = feeds.filter((f) => f.id !== id);
      return { deleted: true };
    },
    'copy.stats': (input) => {
      statsAsked.push(input);
      return emptyStats(input.id, input.period);
    },
    'copy.links.list': () => links,
    'copy.log': () => [],
    'copy.links.create': (input) => {
      // The host reads the rules with their defaults (a rule left out is its default).
      const rules = CopyRulesSchema.parse(input.rules);
      created.push({ ...input, rules });
      const { confirmationCode: _code, ...rest } = input;
      links = [linkView({ ...rest, rules })];
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
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
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

  it("offers the own take-profit and stop, hides them when the leader's are copied, and sends that choice", async () => {
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    click(byRole(document, 'button', 'New follow link…'));
    await flush();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Link name'), 'Main → paper');
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Leader'), LIVE_ACCOUNT.id);
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Follower account'), PAPER_ACCOUNT.id);
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Own take-profit %'), '15');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Own stop-loss %'), '5');
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Take-profit / stop'), 'leader');
    await flush();
    expect(document.querySelector('input[aria-label="Own take-profit %"]')).toBeNull();
    expect(document.querySelector('input[aria-label="Own stop-loss %"]')).toBeNull();
    expect(document.body.textContent).toContain("The leader's bracket targets rest as limit sells here");
    click(byRole(document, 'button', 'Start following'));
    await flush();
    expect(created[0]!.rules).toMatchObject({ protection: 'leader', takeProfitPct: null, stopLossPct: null });
  });

  it('shows a copied perpetuals short as a short, with its Close button', async () => {
    links = [
      {
        ...linkView({
          name: 'Perps → perps',
          leader: { kind: 'account', accountId: LIVE_ACCOUNT.id },
          followerAccountId: LIVE_ACCOUNT.id,
          rules: {
            allocation: { mode: 'ratio', ratio: 0.5 },
            maxPerTrade: null,
            maxTotal: null,
            symbolMap: [],
            allow: [],
            deny: [],
            maxSlippagePct: null,
            maxSignalAgeMs: null,
            protection: 'own',
            takeProfitPct: null,
            stopLossPct: null,
            maxLoss: null,
          },
        }),
        positions: [{ symbol: 'BTC/USDT:USDT', amount: -0.005, averagePrice: 30_000, realisedPnl: 0, closedByHand: false }],
      },
    ];
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    expect(tableNamed('Follow links').textContent).toContain('BTC/USDT:USDT short 0.005');
    expect(byRole(document, 'button', 'Close the copied BTC/USDT:USDT position of Perps → perps')).toBeTruthy();
  });

  it("shows a copy into another quote with the leader's price in both currencies, and says when no rate was known", async () => {
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    const row: CopyLogEntry = {
      seq: 8,
      linkId: 'link-1',
      eventId: 'e2',
      at: 1_800_000_000_000,
      outcome: 'copied',
      leaderSymbol: 'BTC/USDT',
      followerSymbol: 'BTC/EUR',
      side: 'buy',
      leaderAmount: 0.1,
      leaderPrice: 30_000,
      leaderPriceConverted: 27_600,
      leaderFilledAt: 1_800_000_000_000,
      amount: 0.1,
      clientOrderId: 'tw-abcdef-c0000000000000002',
      followerPrice: 27_700,
      delayMs: 40,
      slippagePct: 0.36,
      reason: 'Sent.',
    };
    act(() => bridge.emit('copy.log', row));
    act(() => bridge.emit('copy.log', { ...row, seq: 9, eventId: 'e3', leaderPriceConverted: null, slippagePct: null }));
    await flush();
    const cells = [...document.querySelectorAll('table[aria-label="Copy log"] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent),
    );
    const withRate = cells.find((c) => c.includes('0.36 %'))!;
    expect(withRate).toContain('30000 USDT= 27600 EUR');
    expect(withRate).toContain('27700 EUR');
    const withoutRate = cells.find((c) => c !== withRate)!;
    expect(withoutRate).toContain('30000 USDTno USDT→EUR rate');
  });

  it('labels the money fields with the currency the amounts are in', async () => {
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    click(byRole(document, 'button', 'New follow link…'));
    await flush();
    expect(byRole(document, 'textbox', 'Max per trade (market quote)')).toBeTruthy();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Allow only (empty: all)'), 'BTC/USDT');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Market map (leader=follower)'), 'BTC/USDT=BTC/EUR');
    await flush();
    expect(byRole(document, 'textbox', 'Max total allocation (EUR)')).toBeTruthy();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Amounts in'), 'USD');
    await flush();
    expect(byRole(document, 'textbox', 'Stop copying at a loss of (USD)')).toBeTruthy();
    expect(byRole(document, 'textbox', 'Max per trade (USD)')).toBeTruthy();
  });

  it('shows each copy as it is decided and updates the row when its fill price arrives', async () => {
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
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

  it('shows the leader vs follower figures for the period picked, the tracking, the reasons copies were skipped, and both charts', async () => {
    links = [
      linkView({
        name: 'Main → paper',
        leader: { kind: 'account', accountId: LIVE_ACCOUNT.id },
        followerAccountId: PAPER_ACCOUNT.id,
        rules: {
          allocation: { mode: 'ratio', ratio: 0.5 },
          maxPerTrade: null,
          maxTotal: null,
          symbolMap: [],
          allow: [],
          deny: [],
          maxSlippagePct: 0.5,
          maxSignalAgeMs: null,
          protection: 'own',
          takeProfitPct: null,
          stopLossPct: null,
          maxLoss: null,
        },
      }),
    ];
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    // No fills yet in the default period: the panel says what will appear and how to see older trades.
    expect(statsAsked).toEqual([{ id: 'link-1', period: '30d' }]);
    expect(document.body.textContent).toContain('No fills in the last 30 days: once the leader trades');
    expect(document.querySelector('[data-testid="copy-return-chart"]')!.getAttribute('data-state')).toBe('empty');

    const t0 = 1_800_000_000_000;
    bridge.setHandler('copy.stats', (input) => {
      statsAsked.push(input);
      return {
        ...emptyStats(input.id, input.period),
        leader: performance({
          pnl: 293.4,
          fees: 6.3,
          capital: 3_000,
          roiPct: 9.78,
          trades: 2,
          winRatePct: 50,
          avgHoldMs: 3_600_000,
          maxDrawdownPct: 1.5,
          sharpe: 2.31,
          fills: 4,
        }),
        follower: performance({
          pnl: 146.7,
          fees: 3.15,
          capital: 1_500,
          roiPct: 9.5,
          trades: 1,
          winRatePct: 100,
          avgHoldMs: 3_540_000,
          fills: 2,
          // Its BTC/USDC copies counted in USDT at today's rate.
          convertedQuotes: ['USDC'],
        }),
        tracking: {
          returnGapPct: -0.28,
          copied: 2,
          skipped: 3,
          ignored: 0,
          failed: 0,
          reasons: [
            { reason: 'Slippage', count: 2 },
            { reason: 'Late', count: 1 },
          ],
          avgSlippagePct: 0.04,
          worstSlippagePct: 0.12,
          avgDelayMs: 41,
          maxDelayMs: 75,
        },
        curves: {
          leader: [
            { at: t0, returnPct: 0, drawdownPct: 0 },
            { at: t0 + 60_000, returnPct: 9.78, drawdownPct: 1.5 },
          ],
          follower: [
            { at: t0 + 1_000, returnPct: 0, drawdownPct: 0 },
            { at: t0 + 61_000, returnPct: 9.5, drawdownPct: 0 },
          ],
        },
      };
    });
    click(byRole(document, 'button', '7 days'));
    await flush();
    expect(statsAsked.at(-1)).toEqual({ id: 'link-1', period: '7d' });
    expect(byRole(document, 'button', '7 days').getAttribute('aria-pressed')).toBe('true');
    const table = tableNamed('Performance over 7 days');
    const row = (label: string) =>
      [...table.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent === label)!.textContent;
    expect(row('ROI')).toBe('ROI+9.78 %+9.50 %');
    expect(row('PnL (net of fees)')).toBe('PnL (net of fees)+293.40 USDT+146.70 USDT');
    expect(row('Win rate')).toBe('Win rate50.00 %100.00 %');
    expect(row('Avg hold')).toBe('Avg hold1h 00m59m 00s');
    expect(row('Max drawdown')).toBe('Max drawdown-1.50 %0.00 %');
    expect(document.body.textContent).toContain("Markets in other quotes converted at today's rate (the portfolio's): USDC → USDT.");
    expect(tableNamed('Tracking over 7 days').textContent).toContain('Return gap (follower − leader)-0.28 pp');
    expect(tableNamed('Tracking over 7 days').textContent).toContain('Delay avg / max41 ms / 75 ms');
    expect(tableNamed('Skipped and ignored leader fills by reason').textContent).toBe('Not copied becauseCountSlippage2Late1');
    // Two charts (return, drawdown), each with the leader's and the follower's line; drawdown drawn below zero.
    const [returns, drawdowns] = charts.filter((c) => !c.destroyed).map((c) => c.last()!);
    expect(returns!.map((l) => [l.label, l.points.map((p) => p.value)])).toEqual([
      ['Leader', [0, 9.78]],
      ['Follower', [0, 9.5]],
    ]);
    expect(drawdowns!.map((l) => [l.label, l.points.map((p) => p.value)])).toEqual([
      ['Leader', [-0, -1.5]],
      ['Follower', [-0, -0]],
    ]);
    expect(byRole(document, 'img', /^Return on capital over 7 days, leader vs follower: Leader 9.78 %, Follower 9.50 %/)).toBeTruthy();
  });

  it('follows a remote feed by URL and pinned key, naming a wrong URL, key or equity sizing at its field before anything is sent', async () => {
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    click(byRole(document, 'button', 'New follow link…'));
    await flush();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Link name'), 'Remote leader');
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Leader kind'), 'feed');
    await flush();
    expect(document.querySelector('select[aria-label="Leader"]')).toBeNull();
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Follower account'), PAPER_ACCOUNT.id);
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Ratio'), '1');
    const url = byRole<HTMLInputElement>(document, 'textbox', 'Feed URL');
    const key = byRole<HTMLInputElement>(document, 'textbox', 'Leader public key');
    typeInto(url, `http://leader.example/feeds/${FEED_ID}`);
    typeInto(key, 'ed25519:short');
    click(byRole(document, 'button', 'Start following'));
    await flush();
    expect(created).toHaveLength(0);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(url.getAttribute('aria-describedby')!)!.textContent).toMatch(/^Use the https:\/\/ address/);
    expect(document.getElementById(key.getAttribute('aria-describedby')!)!.textContent).toMatch(/^Not an Ed25519 public key/);

    typeInto(url, `https://leader.example:8443/feeds/${FEED_ID}`);
    typeInto(key, FEED_KEY);
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Allocation'), 'equity');
    click(byRole(document, 'button', 'Start following'));
    await flush();
    expect(created).toHaveLength(0);
    expect(document.body.textContent).toContain("A remote feed's equity is not known here");

    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Allocation'), 'ratio');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Ratio'), '1');
    click(byRole(document, 'button', 'Start following'));
    await flush();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      leader: { kind: 'feed', url: `https://leader.example:8443/feeds/${FEED_ID}`, publicKey: FEED_KEY },
      followerAccountId: PAPER_ACCOUNT.id,
      rules: { allocation: { mode: 'ratio', ratio: 1 } },
    });
  });

  it('publishes a feed of an account and shows the address and public key to give followers; deleting asks first', async () => {
    view = render(<CopyPanel createChartView={createChartView} />, createRpcClient(bridge));
    await flush();
    expect(document.body.textContent).toContain('No feed published. Publish one to let another Tradewind follow');
    click(byRole(document, 'button', 'Publish a feed…'));
    await flush();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Feed name'), 'My trades');
    choose(byRole<HTMLSelectElement>(document, 'combobox', 'Feed leader'), PAPER_ACCOUNT.id);
    click(byRole(document, 'button', 'Publish'));
    await flush();
    expect(bridge.calls.find((c) => c.method === 'copy.feeds.create')?.input).toEqual({
      name: 'My trades',
      leader: { kind: 'account', accountId: PAPER_ACCOUNT.id },
    });
    const table = document.querySelector('table[aria-label="Published feeds"]')!;
    expect(table.textContent).toContain(FEED_KEY);
    expect(table.textContent).toContain(`${location.origin}/feeds/${FEED_ID}`);
    expect(byRole(document, 'button', 'Copy the public key of My trades')).toBeTruthy();

    click(byRole(document, 'button', 'Stop publishing My trades'));
    await flush();
    expect(feeds).toHaveLength(1);
    click(byRole(document, 'button', 'Delete the feed and its key'));
    await flush();
    expect(feeds).toHaveLength(0);
    expect(document.body.textContent).toContain('No feed published.');
  });
});
