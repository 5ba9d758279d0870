/**
 * The clock an account's ledger lives on: its fills carry the market's time, so its orders and
 * its bots' events are stamped with the same clock to be shown together. For the paper account
 * while prices are replayed that is the replay clock; returns null where it is the wall clock.
 */
export type AccountClock = (accountId: string) => number | null;

export const WALL_CLOCK: AccountClock = () => null;

export function accountClock(isPaper: (accountId: string) => boolean, replayTime: () => number | undefined): AccountClock {
  return (accountId) => (isPaper(accountId) ? (replayTime() ?? null) : null);
}
