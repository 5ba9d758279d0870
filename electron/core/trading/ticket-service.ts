import type { Amount } from '../../../shared/domain/types';
import { TradewindError, type ErrorCode } from '../../../shared/ipc/errors';
import type { MarketRulesView, OrderPreview, OrderTicket, TicketIssue } from '../../../shared/ipc/schemas/orders';
import type { AccountService } from '../accounts/account-service';
import type { AccountRecord } from '../accounts/accounts-repo';
import type { OrderService } from '../orders/order-service';
import type { OrderRow } from '../orders/orders-repo';
import type { OrderSettingsRepo } from '../orders/order-settings';
import type { MarketRulesCache } from '../exchange/market-rules-cache';
import type { MarketRules, OrderVenue, Precision, Quote } from '../exchange/venue';
import { slippedPrice } from '../paper/matching';
import { evaluateTicket, type TicketEvaluation, type TicketSpec } from './ticket';

/** Headroom for live market buys sized from quote money (the ask may move before the order lands). */
const LIVE_MARKET_BUY_BUFFER = 0.002;

export interface TicketInputs {
  account: AccountRecord;
  venue: OrderVenue;
  rules: MarketRules;
  precision: Precision;
  quote: Quote | null;
  freeBase: number;
  freeQuote: number;
  marketBuyBuffer: number;
  /** Paper: the slippage the paper exchange charges market fills (null on live accounts). */
  paperSlippageBps: number | null;
  requiresConfirmation: boolean;
}

export function rulesView(rules: MarketRules): MarketRulesView {
  const { base, quote, amountStep, priceStep, minAmount, minCost, makerFee, takerFee, stopMarket, stopLimit } = rules;
  return { base, quote, amountStep, priceStep, minAmount, minCost, makerFee, takerFee, stopMarket, stopLimit };
}

/** The ledger's amount of an evaluation without issues (evaluateTicket leaves it null only alongside an issue). */
export function orderAmount(evaluation: TicketEvaluation): Amount {
  if (evaluation.amount === null)
    throw new TradewindError('invalid_order', 'The order could not be sized from the ticket; check the amount and the price.');
  return evaluation.amount;
}

/** The error code an order refusal carries: the first issue decides. */
export function refusal(issues: readonly TicketIssue[]): TradewindError {
  const first = issues[0];
  const code: ErrorCode = first?.field === 'account' ? 'permission' : first?.field === 'balance' ? 'insufficient_funds' : 'invalid_order';
  return new TradewindError(code, issues.map((i) => i.message).join(' '));
}

/**
 * The order ticket: gathers what validation needs from the account's venue (market rules,
 * rounding, price, balances), evaluates, and sends a valid order through the ledger.
 */
export class TicketService {
  constructor(
    private readonly deps: {
      orders: OrderService;
      accountService: AccountService;
      settings: OrderSettingsRepo;
      /** The trading runtime's one market rules cache (shared with brackets and bots); absent: rules are read from the venue each time. */
      markets?: MarketRulesCache;
    },
  ) {}

  async inputs(accountId: string, symbol: string): Promise<TicketInputs> {
    const account = this.deps.accountService.requireAccount(accountId);
    const venue = this.deps.orders.venue(account.id);
    const market = this.deps.markets
      ? this.deps.markets.market(account.id, symbol)
      : Promise.all([venue.rules(symbol), venue.precision(symbol)]).then(([rules, precision]) => ({ rules, precision }));
    const [{ rules, precision }, quote, balances] = await Promise.all([market, venue.quote(symbol), venue.balances()]);
    const settings = this.deps.settings.get(account.id);
    return {
      account,
      venue,
      rules,
      precision,
      quote,
      freeBase: balances.get(rules.base)?.free ?? 0,
      freeQuote: balances.get(rules.quote)?.free ?? 0,
      marketBuyBuffer: account.kind === 'paper' ? settings.slippageBps / 10_000 : LIVE_MARKET_BUY_BUFFER,
      paperSlippageBps: account.kind === 'paper' ? settings.slippageBps : null,
      requiresConfirmation: account.kind === 'live' && settings.confirmOrders,
    };
  }

  evaluate(spec: TicketSpec, inputs: TicketInputs): TicketEvaluation {
    return evaluateTicket(spec, {
      rules: inputs.rules,
      precision: inputs.precision,
      quote: inputs.quote,
      freeBase: inputs.freeBase,
      freeQuote: inputs.freeQuote,
      marketBuyBuffer: inputs.marketBuyBuffer,
      blockedReason: this.deps.accountService.tradeBlockedReason(inputs.account),
      exchangeName: inputs.venue.exchangeName,
      marketFillPrice:
        inputs.paperSlippageBps === null
          ? undefined
          : (side, reference) => slippedPrice(side, reference, inputs.paperSlippageBps ?? 0, inputs.rules.priceStep),
    });
  }

  async preview(ticket: OrderTicket): Promise<OrderPreview> {
    const inputs = await this.inputs(ticket.accountId, ticket.symbol);
    const evaluation = this.evaluate(ticket, inputs);
    return {
      accountId: inputs.account.id,
      accountKind: inputs.account.kind,
      symbol: ticket.symbol,
      side: ticket.side,
      type: ticket.type,
      valid: evaluation.issues.length === 0,
      ...evaluation,
      market: rulesView(inputs.rules),
      requiresConfirmation: inputs.requiresConfirmation,
    };
  }

  /** Live orders need `confirmed` unless the person turned confirmation off for the account. */
  static assertConfirmed(inputs: TicketInputs, confirmed: boolean | undefined): void {
    if (inputs.requiresConfirmation && confirmed !== true) {
      throw new TradewindError(
        'invalid_input',
        `Orders on the live account "${inputs.account.label}" are confirmed before sending: show the order and send it again with confirmed: true, or turn confirmation off for this account.`,
      );
    }
  }

  async place(ticket: OrderTicket & { confirmed?: boolean | undefined }): Promise<OrderRow> {
    // Read-only and revoked keys are refused before anything, even a price read, reaches the exchange.
    this.deps.accountService.assertCanTrade(ticket.accountId);
    const inputs = await this.inputs(ticket.accountId, ticket.symbol);
    const evaluation = this.evaluate(ticket, inputs);
    if (evaluation.issues.length > 0) throw refusal(evaluation.issues);
    TicketService.assertConfirmed(inputs, ticket.confirmed);
    return this.deps.orders.submit({
      accountId: inputs.account.id,
      symbol: ticket.symbol,
      side: ticket.side,
      type: ticket.type,
      amount: orderAmount(evaluation),
      price: evaluation.price,
      stopPrice: evaluation.stopPrice,
      origin: 'manual',
      originId: null,
      originRole: null,
    });
  }
}
