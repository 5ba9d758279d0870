import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountLimits } from '../../../shared/ipc/schemas/trust';
import type { AuditLog } from '../audit/audit-log';
import { formatNumber } from '../exchange/precision';
import type { OrderVenue } from '../exchange/venue';
import type { CheckedNotional, OrderLimits } from '../orders/order-limits';
import type { NewIntent } from '../orders/orders-repo';
import { AMENDS_ROLE, ENTRY_ROLE } from '../orders/origin-roles';
import { type LimitsRepo, utcDayStart, type LimitValues } from './limits-repo';

/** Quotes worth one US dollar; anything else is converted at its own USDT/USDC price on the same venue. */
const USD_QUOTES = new Set(['USDT', 'USDC', 'USD', 'FDUSD', 'BUSD', 'TUSD', 'DAI', 'USDP']);
const CONVERT_THROUGH = ['USDT', 'USDC'];

const usd = (value: number): string => `${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USD`;

/**
 * Per-account limits on every LIVE order, whoever asks (ticket, brackets, bots, agents): they
 * are checked in `OrderService.submit`, the one door every new live order passes. Bracket exits
 * (targets, stop, close) are exempt from the notional limits: they only close the position an entry
 * opened, whose size was checked, and refusing them would leave it unprotected. Exit LIMITs still get
 * the price band (a target dragged to a marketable price). Paper orders are not limited.
 */
export class LiveOrderLimits implements OrderLimits {
  constructor(
    private readonly repo: LimitsRepo,
    private readonly audit: AuditLog,
    private readonly now: () => number = Date.now,
  ) {}

  view(accountId: string): AccountLimits {
    const values = this.repo.values(accountId);
    return { accountId, ...values, usedToday: this.repo.usedSince(accountId, utcDayStart(this.now())) };
  }

  save(accountId: string, values: LimitValues): AccountLimits {
    this.repo.save(accountId, values, this.now());
    return this.view(accountId);
  }

  /** Null when the order is exempt (paper, bracket exit; exit limits pass the band first); otherwise its USD notional after the price band and per-order checks. Throws the refusal. */
  async check(venue: OrderVenue, intent: NewIntent, accountLabel: string): Promise<CheckedNotional | null> {
    if (venue.kind !== 'live') return null;
    // Bracket exits skip the notional limits (they only close what a checked entry opened), but an exit LIMIT still gets
    // the price band: a target dragged to a marketable price would fill at once far from the market. Stops/market exits stay exempt.
    const exit = intent.origin === 'bracket' && intent.originRole !== ENTRY_ROLE;
    if (exit && intent.type !== 'limit') return null;
    const limits = this.repo.values(intent.accountId);
    const what = `${intent.side} ${formatNumber(intent.amount)} ${intent.symbol}`;
    const rules = await venue.rules(intent.symbol);
    const quote = await venue.quote(intent.symbol).catch(() => null);
    if (!quote)
      throw this.refuse(
        intent,
        'limit_unpriced',
        `No last price for ${intent.symbol} on ${venue.exchangeName}: the order's value cannot be checked against "${accountLabel}"'s limits, so nothing was sent. Try again once prices arrive.`,
      );

    if (intent.type === 'limit' || intent.type === 'stop_limit') {
      // The band protects the marketable side only: a buy above / a sell below the reference trades at once at a bad price;
      // a limit far on the other side merely rests (grid levels, take-profits). A stop-limit is measured from its trigger.
      const reference = intent.type === 'stop_limit' && intent.stopPrice !== null ? intent.stopPrice : quote.last;
      const price = intent.price as number;
      const through = intent.side === 'buy' ? (price - reference) / reference : (reference - price) / reference;
      if (through * 100 > limits.priceBandPct + 1e-9) {
        const against = intent.type === 'stop_limit' ? 'its stop price' : 'the last price';
        throw this.refuse(
          intent,
          'limit_price_band',
          `${what} at ${formatNumber(price)} is ${formatNumber(through * 100, 2)} % ${intent.side === 'buy' ? 'above' : 'below'} ${against} ${formatNumber(reference)}; "${accountLabel}" allows at most ${formatNumber(limits.priceBandPct, 2)} %. Check the price, or change the account's price band.`,
        );
      }
    }
    if (exit) return null;

    const priced =
      intent.type === 'market'
        ? quote.last
        : intent.type === 'stop_market'
          ? (intent.stopPrice ?? quote.last)
          : (intent.price ?? quote.last);
    const usdPerQuote = await this.usdPer(venue, rules.quote);
    if (usdPerQuote === null) {
      throw this.refuse(
        intent,
        'limit_unpriced',
        `${what}: ${venue.exchangeName} has no ${rules.quote}/USDT or ${rules.quote}/USDC price to value it in USD for "${accountLabel}"'s limits, so nothing was sent.`,
      );
    }
    const notionalUsd = intent.amount * priced * usdPerQuote;
    if (notionalUsd > limits.maxOrderNotional * (1 + 1e-9)) {
      throw this.refuse(
        intent,
        'limit_order_notional',
        `${what} is worth ${usd(notionalUsd)}; "${accountLabel}" allows at most ${usd(limits.maxOrderNotional)} per order. Make it smaller, or raise the account's limit.`,
      );
    }
    return { notionalUsd };
  }

  /** Synchronous (no await between it and the intent's write), so two orders in flight cannot both pass the day's limit. */
  assertDaily(intent: NewIntent, checked: CheckedNotional, accountLabel: string): void {
    const limits = this.repo.values(intent.accountId);
    // An amend's replacement is checked before the order it replaces is cancelled: that order counts only for what it filled.
    const replaces = intent.originRole === AMENDS_ROLE ? (intent.originId ?? null) : null;
    const used = this.repo.usedSince(intent.accountId, utcDayStart(this.now()), replaces);
    if (used + checked.notionalUsd > limits.maxDailyNotional * (1 + 1e-9)) {
      const left = Math.max(0, limits.maxDailyNotional - used);
      throw this.refuse(
        intent,
        'limit_daily_notional',
        `${intent.side} ${formatNumber(intent.amount)} ${intent.symbol} is worth ${usd(checked.notionalUsd)}, but "${accountLabel}" has ordered ${usd(used)} today (UTC) of its ${usd(limits.maxDailyNotional)} per day: ${usd(left)} left. Wait for 00:00 UTC, or raise the account's daily limit.`,
      );
    }
  }

  record(accountId: string, clientOrderId: string, checked: CheckedNotional): void {
    this.repo.recordNotional(accountId, clientOrderId, checked.notionalUsd, this.now());
  }

  private async usdPer(venue: OrderVenue, quoteAsset: string): Promise<number | null> {
    const asset = quoteAsset.toUpperCase();
    if (USD_QUOTES.has(asset)) return 1;
    for (const stable of CONVERT_THROUGH) {
      const price = await venue.quote(`${asset}/${stable}`).catch(() => null);
      if (price && price.last > 0) return price.last;
    }
    return null;
  }

  private refuse(
    intent: NewIntent,
    code: 'limit_order_notional' | 'limit_daily_notional' | 'limit_price_band' | 'limit_unpriced',
    text: string,
  ): TradewindError {
    const by =
      intent.origin === 'bot'
        ? ` (bot ${intent.originId ?? ''})`
        : intent.origin === 'bracket'
          ? ` (bracket ${intent.originRole === ENTRY_ROLE ? 'entry' : 'exit'})`
          : '';
    this.audit.append('order.refused_limit', `Refused${by}: ${text}`, intent.accountId);
    return new TradewindError(code, text);
  }
}
