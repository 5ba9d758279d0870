/**
 * One clock per account. An account's fills carry its market's time: for the paper account
 * while prices are replayed that is the replay clock, elsewhere UTC wall time. Orders and bot
 * events are shown on the same clock (core stamps them with it: `marketAt`), so a person never
 * reads one account's order on one clock and its fill on another.
 */
import { useCallback } from 'react';
import type { MarketDataStatus } from '../../../shared/ipc/contract';
import type { BotEvent } from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { timeZoneLabel } from '../../lib/format/time-zone';
import { useStore } from '../../store';

export type ClockKind = 'replay' | 'utc';

/**
 * 'utc' is wall time: labelled with the display zone chosen in the settings ("UTC", or the
 * computer's zone). Replay instants are shown in that zone too, so the label names both.
 */
export const CLOCK_LABELS: Record<ClockKind, string> = {
  get replay() {
    return `replay time, ${timeZoneLabel()}`;
  },
  get utc() {
    return timeZoneLabel();
  },
};

export function clockKindOf(accountKind: 'paper' | 'live' | undefined, marketData: MarketDataStatus | null): ClockKind {
  return accountKind === 'paper' && marketData?.mode === 'replay' ? 'replay' : 'utc';
}

/** When an order was placed, on its account's clock. */
export const orderTime = (order: Pick<OrderView, 'marketAt' | 'createdAt'>): number => order.marketAt ?? order.createdAt;

/** When a bot event happened, on its bot's account clock. */
export const eventTime = (event: Pick<BotEvent, 'marketAt' | 'at'>): number => event.marketAt ?? event.at;

/** The time column's header: it names the clock when every row is on the same one. */
export function timeHeader(kinds: readonly ClockKind[]): string {
  const first = kinds[0];
  if (first === undefined || kinds.some((kind) => kind !== first)) return 'Time';
  return `Time (${CLOCK_LABELS[first]})`;
}

/** Each account's clock, from the accounts and the market data status in the store. */
export function useClockOf(): (accountId: string) => ClockKind {
  const accounts = useStore((state) => state.accounts);
  const marketData = useStore((state) => state.marketData);
  return useCallback(
    (accountId: string) => clockKindOf(accounts.find((a) => a.id === accountId)?.kind, marketData),
    [accounts, marketData],
  );
}
