import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { paperGrid, startBotHarness, type BotHarness } from '../test-support/bot-harness';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('bots and the order ticket share one market rules cache', () => {
  it('reads a market from the venue once: the ticket and a running bot are both served by that read', async () => {
    h = await startBotHarness({ prices: { 'BTC/USDT': 30_000 } });
    // Count the venue's reads of the market's rules (the paper exchange answers them).
    const paper = h.trading.paper;
    const venueRules = paper.rules.bind(paper);
    const reads: string[] = [];
    paper.rules = (symbol: string) => {
      reads.push(symbol);
      return venueRules(symbol);
    };

    const ticket = await h.trading.tickets.inputs(PAPER_ACCOUNT_ID, 'BTC/USDT');
    expect(ticket.rules.amountStep).toBeGreaterThan(0);
    const readByTicket = reads.length;
    expect(readByTicket).toBeGreaterThan(0);

    const bot = await h.bots.create(paperGrid());
    await h.bots.start(bot.id);
    await h.step('BTC/USDT', 29_900);
    expect((await h.bots.get(bot.id)).orders.length).toBeGreaterThan(0);
    // The bot sized its grid with the rules the ticket's read cached: no second read of the venue.
    expect(reads).toHaveLength(readByTicket);
  });
});
