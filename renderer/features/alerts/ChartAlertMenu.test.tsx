// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertRuleInput, AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { createRpcClient } from '../../lib/ipc/client';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { PAPER_ACCOUNT, market, marketList } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../test-utils/queries';
import { byTestId, click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { FakeChartView } from '../chart/fake-chart-view';
import { PriceChart } from '../chart/PriceChart';
import { AlertsButton } from './AlertsButton';

let view: Rendered | null = null;

beforeEach(() => {
  setDecimalSeparator('point');
  useStore.setState(useStore.getInitialState(), true);
  const state = useStore.getState();
  state.setAccounts([PAPER_ACCOUNT]);
  state.beginMarketsLoad(PAPER_ACCOUNT.id);
  state.setMarketList(PAPER_ACCOUNT.id, marketList([market('BTC/USDT', 0.01)]));
});
afterEach(() => {
  view?.unmount();
  view = null;
});

const ruleView = (input: AlertRuleInput): AlertRuleView => ({
  id: 'alert_1',
  name: 'BTC/USDT crosses 64000.5 either way',
  accountId: input.accountId,
  symbol: input.symbol,
  condition: input.condition,
  strategyName: null,
  repeat: input.repeat,
  expiresAt: null,
  enabled: true,
  state: 'active',
  summary: 'BTC/USDT crosses 64000.5 either way',
  lastTriggeredAt: null,
  lastValue: null,
  triggerCount: 0,
  createdAt: 1,
});

describe('Alert at this price', () => {
  it('opens the alert form from the chart’s context menu with the price under the pointer, and creates the alert', async () => {
    const created: AlertRuleInput[] = [];
    const bridge = new MemoryBridge({
      'candles.get': (input) => ({ symbol: input.symbol, timeframe: input.timeframe, venue: 'binance', candles: [[0, 1, 1, 1, 1, 1]] }),
      'orders.list': () => [],
      'brackets.list': () => [],
      'trades.list': () => [],
      'alerts.list': () => [],
      'alerts.create': (input) => {
        created.push(input as AlertRuleInput);
        return ruleView(input as AlertRuleInput);
      },
    });
    const views: FakeChartView[] = [];
    view = render(
      <>
        <AlertsButton />
        <PriceChart
          createView={() => {
            const created = new FakeChartView();
            created.priceAtY = (y) => 64_000.5 + y;
            views.push(created);
            return created;
          }}
        />
      </>,
      createRpcClient(bridge),
    );
    await flush();
    const chart = byTestId(document, 'price-chart');
    act(() => {
      chart.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientY: 0 }));
    });
    const item = byRole(document, 'menuitem', /^Alert at this price/);
    expect(item.textContent).toBe('Alert at this price (64,000.50)');
    click(item);
    await flush();
    expect(maybeByRole(document, 'menu')).toBeNull();
    const form = byRole(document, 'form', 'New alert');
    expect(byRole<HTMLInputElement>(form, 'textbox', 'Price level').value).toBe('64000.5');
    expect(byRole<HTMLInputElement>(form, 'textbox', 'Market').value).toBe('BTC/USDT');

    typeInto(byRole<HTMLInputElement>(form, 'textbox', 'Price level'), '0');
    click(byRole(form, 'button', 'Create alert'));
    await flush();
    expect(form.textContent).toContain('A price level must be above 0.');
    expect(created).toEqual([]);

    typeInto(byRole<HTMLInputElement>(form, 'textbox', 'Price level'), '64000.5');
    click(byRole(form, 'button', 'Create alert'));
    await flush();
    expect(created).toEqual([
      {
        accountId: PAPER_ACCOUNT.id,
        symbol: 'BTC/USDT',
        condition: { type: 'price_cross', level: 64000.5, direction: 'either' },
        repeat: { mode: 'once' },
        expiresAt: null,
      },
    ]);
    expect(maybeByRole(document, 'form', 'New alert')).toBeNull();
  });
});
