/**
 * The signal bot on the paper exchange, step by step (bot harness, the bots' own clock): a signal's
 * buy goes out at once; a buy that was saved but never sent (a crash right after the signal, or a
 * circuit held open) is dropped once it is older than the signal window allows, instead of being
 * sent late at whatever the price has become.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BotInput } from '../../../../../shared/ipc/schemas/bots';
import type { TradeSignal } from '../../../../../shared/ipc/schemas/signals';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';
import { ENTRY_STALE_MS } from './signal-bot';
import type { SignalBotState } from './signal-state';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
const signalBot: BotInput = {
  name: 'Signals',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config: { kind: 'signal', sourceId: 'source-1', size: { unit: 'quote', value: 100 }, maxOpenDeals: 3, useSignalSize: false },
  risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null },
};
const buy = (id: string): TradeSignal => ({
  id,
  action: 'buy',
  symbol: SYMBOL,
  size: null,
  price: null,
  takeProfit: null,
  stopLoss: null,
  bot: null,
});

describe('signal bot', () => {
  it('sends a signal buy at once, but drops a saved buy the exchange never got once it is older than the signal window', async () => {
    let now = Date.UTC(2026, 11, 6, 12);
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, now: () => now });
    const bot = await h.bots.create(signalBot);
    await h.bots.start(bot.id);
    const sent = await h.bots.deliver(bot.id, buy('first'));
    expect(sent.accepted).toBe(true);
    expect(sent.orders).toHaveLength(1);

    // A crash right after the second signal was saved: its slot is in the state, no order in the ledger.
    const row = h.db.prepare('SELECT state_json FROM bots WHERE id = ?').get(bot.id) as { state_json: string };
    const state = JSON.parse(row.state_json) as SignalBotState;
    state.deals.push({ n: 2, signalId: 'second', status: 'open', takeProfit: null, stopLoss: null, exits: 0 });
    state.slots.push({
      role: 'deal:2:entry',
      deal: 2,
      side: 'buy',
      type: 'market',
      amount: 0.0033,
      price: null,
      signalId: 'second',
      askedAt: now,
    });
    state.nextDeal = 3;
    h.db.prepare('UPDATE bots SET state_json = ? WHERE id = ?').run(JSON.stringify(state), bot.id);

    now += ENTRY_STALE_MS + 1;
    h = await h.restart();
    await h.tick();
    const roles = h.trading.orders.repo.byOrigin(bot.id).map((o) => o.originRole);
    expect(roles.some((r) => r?.endsWith('deal:2:entry'))).toBe(false);
    expect(roles.filter((r) => r?.endsWith('deal:1:entry'))).toHaveLength(1);
    const detail = await h.bots.get(bot.id, 50);
    expect(detail.events.map((e) => e.message)).toContain(
      'Deal 2: the buy for signal second was not sent within 120 s of the signal; dropped, nothing was traded.',
    );
  });

  it('still sends a saved buy the exchange never got when it is resumed within the window', async () => {
    let now = Date.UTC(2026, 11, 6, 12);
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, now: () => now });
    const bot = await h.bots.create(signalBot);
    await h.bots.start(bot.id);
    const row = h.db.prepare('SELECT state_json FROM bots WHERE id = ?').get(bot.id) as { state_json: string };
    const state = JSON.parse(row.state_json) as SignalBotState;
    state.deals.push({ n: 1, signalId: 'fresh', status: 'open', takeProfit: null, stopLoss: null, exits: 0 });
    state.slots.push({
      role: 'deal:1:entry',
      deal: 1,
      side: 'buy',
      type: 'market',
      amount: 0.0033,
      price: null,
      signalId: 'fresh',
      askedAt: now,
    });
    state.nextDeal = 2;
    h.db.prepare('UPDATE bots SET state_json = ? WHERE id = ?').run(JSON.stringify(state), bot.id);

    now += 30_000;
    h = await h.restart();
    await h.tick();
    expect(h.trading.orders.repo.byOrigin(bot.id).map((o) => o.originRole?.endsWith('deal:1:entry'))).toEqual([true]);
  });
});
