// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_BRACKET, EMPTY_TICKET } from './ticket-input';
import { loadTicketDraft, saveTicketDraft, TICKET_DRAFT_KEY } from './ticket-draft';

beforeEach(() => localStorage.clear());

describe('ticket draft', () => {
  const form = { ...EMPTY_TICKET, side: 'sell' as const, price: '30000,5', amount: '0,25' };

  it('keeps what was typed for one account and market only', () => {
    saveTicketDraft({ accountId: 'paper', symbol: 'BTC/USDT', mode: 'order', form, bracket: EMPTY_BRACKET });
    expect(loadTicketDraft('paper', 'BTC/USDT')).toEqual({
      accountId: 'paper',
      symbol: 'BTC/USDT',
      mode: 'order',
      form,
      bracket: EMPTY_BRACKET,
    });
    expect(loadTicketDraft('paper', 'ETH/USDT')).toBeNull();
    expect(loadTicketDraft(null, 'BTC/USDT')).toBeNull();
  });

  it('clears itself for an untouched ticket and ignores a stored draft that does not check out', () => {
    saveTicketDraft({ accountId: 'paper', symbol: 'BTC/USDT', mode: 'order', form, bracket: EMPTY_BRACKET });
    saveTicketDraft({
      accountId: 'paper',
      symbol: 'BTC/USDT',
      mode: 'order',
      form: { ...EMPTY_TICKET, side: 'sell' },
      bracket: EMPTY_BRACKET,
    });
    expect(localStorage.getItem(TICKET_DRAFT_KEY)).toBeNull();
    localStorage.setItem(TICKET_DRAFT_KEY, JSON.stringify({ accountId: 'paper', symbol: 'BTC/USDT', mode: 'order', form: { side: 'up' } }));
    expect(loadTicketDraft('paper', 'BTC/USDT')).toBeNull();
  });
});
