// @vitest-environment jsdom
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../shared/ipc/schemas/bots';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { useStore } from '../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { render, type Rendered } from '../../test-utils/render';
import { BotEventLog } from '../bots/detail/BotEventLog';
import { botOrder } from '../bots/test-fixtures';
import { OrdersTable, TradesTable } from './OrderTables';
import { formatTime } from '../../lib/format/time';
import { setDisplayTimeZone, timeZoneLabel } from '../../lib/format/time-zone';

/** Wall clock when things were recorded, and the replay clock the paper account traded on meanwhile. */
const WALL = Date.UTC(2026, 11, 6, 1, 0, 0);
const REPLAY = Date.UTC(2021, 6, 15, 2, 30, 0);

const fill: TradeView = {
  accountId: PAPER_ACCOUNT.id,
  tradeId: 'f1',
  clientOrderId: 'tw-1',
  symbol: 'BTC/USDT',
  side: 'buy',
  price: 31_000,
  amount: 0.01,
  cost: 310,
  fee: 0,
  feeAsset: null,
  maker: true,
  at: REPLAY + 60_000,
  seq: 1,
};
const event: BotEvent = {
  botId: 'bot-grid',
  seq: 1,
  at: WALL + 61_000,
  marketAt: REPLAY + 61_000,
  level: 'fill',
  message: 'Bought 0.01 BTC at 31000',
};

let view: Rendered | null = null;
const scrollRef = createRef<HTMLElement>();
const common = { showAccount: false, accountLabel: () => 'Paper', priceStep: () => 0.01, scrollRef };

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  useStore.getState().setMarketDataStatus({
    mode: 'replay',
    exchangeId: 'binance',
    exchangeName: 'Binance',
    detail: 'Offline.',
    replayTime: REPLAY + 120_000,
    replaySpeed: 1000,
  });
});
afterEach(() => {
  setDisplayTimeZone('utc');
  view?.unmount();
  view = null;
});

const header = () => document.querySelector('thead th')?.textContent;
const firstTime = (selector: string) => document.querySelector(`${selector} time`)?.textContent;

describe('one clock per account', () => {
  it('shows the paper account’s orders, fills and bot events on the replay clock, labelled', () => {
    view = render(
      <>
        <div data-testid="orders">
          <OrdersTable
            {...common}
            orders={[botOrder('tw-1', 'buy', 31_000, { createdAt: WALL, marketAt: REPLAY })]}
            open={false}
            cancelling={new Set()}
          />
        </div>
        <div data-testid="trades">
          <TradesTable {...common} trades={[fill]} />
        </div>
        <BotEventLog events={[event]} accountId={PAPER_ACCOUNT.id} scrollRef={scrollRef} />
      </>,
    );
    const headers = [...document.querySelectorAll('thead tr th:first-child')].map((th) => th.textContent);
    expect(headers).toEqual(['Time (replay time, UTC)', 'Time (replay time, UTC)']);
    expect(firstTime('[data-testid="orders"] tbody')).toBe(formatTime(REPLAY));
    expect(firstTime('[data-testid="trades"] tbody')).toBe(formatTime(REPLAY + 60_000));
    expect(document.querySelector('.bot-event-clock')?.textContent).toBe('Times in replay time, UTC');
    expect(document.querySelector('[data-testid="bot-events"] time')?.textContent).toBe(formatTime(REPLAY + 61_000));
    // The order was placed a minute before its fill on the same clock, not five years after it.
    expect(document.body.textContent).not.toContain(formatTime(WALL));
  });

  it('shows a live account on UTC wall time', () => {
    view = render(
      <OrdersTable
        {...common}
        orders={[botOrder('tw-9', 'sell', 31_500, { accountId: LIVE_ACCOUNT.id, createdAt: WALL, marketAt: null })]}
        open
        cancelling={new Set()}
      />,
    );
    expect(header()).toBe('Time (UTC)');
    expect(firstTime('tbody')).toBe(formatTime(WALL));
  });

  it('names no single clock when the rows’ accounts are on different ones, and each time says its own', () => {
    view = render(
      <OrdersTable
        {...common}
        showAccount
        orders={[
          botOrder('tw-1', 'buy', 31_000, { createdAt: WALL, marketAt: REPLAY }),
          botOrder('tw-9', 'sell', 31_500, { accountId: LIVE_ACCOUNT.id, createdAt: WALL, marketAt: null }),
        ]}
        open={false}
        cancelling={new Set()}
      />,
    );
    expect(header()).toBe('Time');
    expect([...document.querySelectorAll('tbody time')].map((t) => t.getAttribute('title'))).toEqual(['replay time, UTC', 'UTC']);
  });

  it('names the display zone beside the replay clock when times are shown in local time', () => {
    setDisplayTimeZone('local');
    view = render(
      <OrdersTable
        {...common}
        orders={[botOrder('tw-1', 'buy', 31_000, { createdAt: WALL, marketAt: REPLAY })]}
        open={false}
        cancelling={new Set()}
      />,
    );
    expect(header()).toBe(`Time (replay time, ${timeZoneLabel('local')})`);
    expect(firstTime('tbody')).toBe(formatTime(REPLAY));
  });
});
