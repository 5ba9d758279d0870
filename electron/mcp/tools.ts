import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { methods, SymbolSchema } from '../../shared/ipc/contract';
import { BracketInputSchema, OrderTicketSchema } from '../../shared/ipc/schemas/orders';
import { ProposalReasonSchema, type AgentScope } from '../../shared/ipc/schemas/agents';
import type { AgentCall } from './core-link';
import { envelopeResult } from './tool-output';

const id = z.string().min(1).max(64);

export interface ToolSpec {
  name: string;
  title: string;
  description: string;
  /** The scope core requires for the method behind it (core enforces it; listed here for docs and tests). */
  scope: AgentScope;
  /** A zod object schema; the contract's own where the tool is one method. */
  input?: z.ZodType;
  run: (call: AgentCall, args: never) => Promise<CallToolResult>;
}

/** A tool that is exactly one contract method: its input schema is the contract's. */
function method(
  name: string,
  title: string,
  description: string,
  scope: AgentScope,
  rpc: keyof typeof methods,
  shape: (value: unknown) => unknown = (v) => v,
): ToolSpec {
  const input = methods[rpc].input;
  const objectInput = input instanceof z.ZodOptional ? undefined : input;
  return {
    name,
    title,
    description,
    scope,
    input: objectInput,
    run: async (call, args) => envelopeResult(await call(rpc, args ?? undefined), shape),
  };
}

const reason = ProposalReasonSchema.describe(
  'Why you propose this, in one or two sentences the person approving will read next to the exact order.',
);
const proposeNote =
  'Nothing is sent: the proposal waits in Tradewind\'s Approvals panel until a person approves (possibly after editing price or amount) or denies it; it expires after 30 minutes. Poll tradewind_proposal_status with the returned id. Needs the "propose-live" scope; counts against the agent\'s daily USD cap.';

type Snapshot = { accounts: { accountId: string }[] };
type MarketList = { markets: { symbol: string }[]; tickers: { symbol: string }[] };

/**
 * Every tool an agent gets. There is deliberately no tool to withdraw, transfer, read or change
 * keys or secrets, change settings or limits, place a live order directly, or approve a proposal.
 */
export const TOOLS: ToolSpec[] = [
  method(
    'tradewind_list_accounts',
    'List accounts',
    'The connected exchange accounts (paper and live): id, label, exchange, kind. Use an id as accountId elsewhere.',
    'read',
    'accounts.list',
  ),
  method(
    'tradewind_portfolio',
    'Merged portfolio',
    'Balances of every account merged by asset, valued in a quote currency (USDT by default); unpriced assets have value null, never a guess.',
    'read',
    'portfolio.snapshot',
  ),
  {
    name: 'tradewind_balances',
    title: 'Account balances',
    description: 'Free, used and total balance per asset of one account (or all), with values in the quote currency.',
    scope: 'read',
    input: z.strictObject({ accountId: id.optional() }),
    run: async (call, args: { accountId?: string }) =>
      envelopeResult(await call('portfolio.snapshot', {}), (value) =>
        (value as Snapshot).accounts.filter((a) => args.accountId === undefined || a.accountId === args.accountId),
      ),
  },
  {
    name: 'tradewind_markets',
    title: 'Markets',
    description:
      'An account\'s spot markets with their precision and minimums; `query` filters by symbol (e.g. "BTC/"), `limit` caps the list (default 100).',
    scope: 'read',
    input: z.strictObject({ accountId: id, query: z.string().max(20).optional(), limit: z.number().int().min(1).max(500).optional() }),
    run: async (call, args: { accountId: string; query?: string; limit?: number }) =>
      envelopeResult(await call('markets.list', { accountId: args.accountId }), (value) => {
        const q = (args.query ?? '').toUpperCase();
        return (value as MarketList).markets.filter((m) => m.symbol.toUpperCase().includes(q)).slice(0, args.limit ?? 100);
      }),
  },
  {
    name: 'tradewind_tickers',
    title: 'Tickers',
    description: 'Last price, bid, ask and 24 h change of up to 20 symbols on an account.',
    scope: 'read',
    input: z.strictObject({ accountId: id, symbols: z.array(SymbolSchema).min(1).max(20) }),
    run: async (call, args: { accountId: string; symbols: string[] }) =>
      envelopeResult(await call('markets.list', { accountId: args.accountId }), (value) =>
        (value as MarketList).tickers.filter((t) => args.symbols.includes(t.symbol)),
      ),
  },
  method(
    'tradewind_candles',
    'Candles',
    'OHLCV bars [time, open, high, low, close, volume] of a market and timeframe.',
    'read',
    'candles.get',
  ),
  method(
    'tradewind_order_book',
    'Order book',
    'Bids and asks of a market (unavailable on the offline replay, which says why).',
    'read',
    'market.depth',
  ),
  method(
    'tradewind_indicators',
    'Indicators',
    'Computes indicators (SMA, EMA, Bollinger, RSI, MACD…) over the candles you pass; one value per bar, null while warming up.',
    'read',
    'indicators.compute',
  ),
  method(
    'tradewind_validate_strategy',
    'Validate a strategy graph',
    'Checks a strategy graph (see the tradewind://strategy/graph-schema and tradewind://strategy/blocks resources); issues name the node and port.',
    'read',
    'strategies.validate',
  ),
  method(
    'tradewind_list_datasets',
    'Data sets',
    'Candle data sets a backtest can run on (bundled, downloaded, imported).',
    'read',
    'datasets.list',
  ),
  method(
    'tradewind_backtest',
    'Start a backtest',
    'Backtests a saved strategy ({id}) or a graph on a data set with the honest fill model; returns a jobId. Read the result with tradewind_backtest_result.',
    'read',
    'backtest.run',
  ),
  method(
    'tradewind_backtest_result',
    'Backtest result',
    'Metrics and trades of a finished backtest job; "unavailable: still running" means ask again shortly.',
    'read',
    'backtest.result',
  ),
  method(
    'tradewind_optimise',
    'Start an optimisation',
    'Sweeps up to 4 parameters of a strategy with in-sample/out-of-sample splits; returns a jobId for tradewind_optimise_result.',
    'read',
    'optimise.run',
  ),
  method(
    'tradewind_optimise_result',
    'Optimisation result',
    'Ranked runs of a finished optimisation job; "unavailable: still running" means ask again shortly.',
    'read',
    'optimise.result',
  ),
  method(
    'tradewind_list_strategies',
    'Saved strategies',
    'The strategies the person saved (id, name, updated).',
    'read',
    'strategies.list',
  ),
  method('tradewind_get_strategy', 'Strategy', 'One saved strategy with its graph.', 'read', 'strategies.get'),
  method('tradewind_list_bots', 'Bots', 'Every bot with its kind, account, market, mode (paper/live), state and PnL.', 'read', 'bots.list'),
  method(
    'tradewind_get_bot',
    'Bot detail',
    "One bot's settings, levels/deals, position, orders, fills and recent events.",
    'read',
    'bots.get',
  ),
  method(
    'tradewind_list_orders',
    'Orders',
    'Open orders or order history (status "open" or "history"), optionally for one account and market.',
    'read',
    'orders.list',
  ),
  method('tradewind_list_trades', 'Trades', 'Fills, newest first, optionally for one account and market.', 'read', 'trades.list'),
  method(
    'tradewind_list_smart_trades',
    'Smart trades',
    'Bracket trades (entry, targets, stop) with their state and PnL.',
    'read',
    'brackets.list',
  ),
  method(
    'tradewind_list_alerts',
    'Alerts',
    'The price, move and volume alert rules the person set, with their state and last trigger.',
    'read',
    'alerts.list',
  ),
  method(
    'tradewind_create_paper_bot',
    'Create a paper bot',
    'Saves a new bot with mode "paper" (grid, DCA or strategy) on an account; it is stopped until tradewind_start_paper_bot. Live bots are refused: propose them instead. Needs the "paper" scope.',
    'paper',
    'bots.create',
  ),
  {
    name: 'tradewind_start_paper_bot',
    title: 'Start a paper bot',
    description: 'Starts a paper bot. A live bot is refused: use tradewind_propose_bot_start. Needs the "paper" scope.',
    scope: 'paper',
    input: z.strictObject({ id }),
    run: async (call, args: { id: string }) => envelopeResult(await call('bots.start', { id: args.id })),
  },
  {
    name: 'tradewind_stop_paper_bot',
    title: 'Stop a paper bot',
    description:
      'Stops a paper bot (its holdings are kept). A live bot is refused: use tradewind_propose_bot_stop. Needs the "paper" scope.',
    scope: 'paper',
    input: z.strictObject({ id }),
    run: async (call, args: { id: string }) => envelopeResult(await call('bots.stop', { id: args.id })),
  },
  method(
    'tradewind_create_paper_alert',
    'Create an alert',
    'Saves an alert rule (price cross, % move, volume spike or a saved strategy\'s signal) on an account\'s market; when it triggers, the person is notified. It never places or sends anything to an exchange. Needs the "paper" scope.',
    'paper',
    'alerts.create',
  ),
  {
    name: 'tradewind_propose_order',
    title: 'Propose a live order',
    description: `Proposes a live order (market, limit, stop) on a live account. ${proposeNote}`,
    scope: 'propose-live',
    input: z.strictObject({ order: OrderTicketSchema, reason }),
    run: async (call, args: { order: unknown; reason: string }) =>
      envelopeResult(await call('agents.proposals.create', { action: { kind: 'order', order: args.order }, reason: args.reason })),
  },
  {
    name: 'tradewind_propose_bracket',
    title: 'Propose a live smart trade',
    description: `Proposes a live bracket: entry plus up to 5 take-profits, a stop-loss and/or a trailing stop. ${proposeNote}`,
    scope: 'propose-live',
    input: z.strictObject({ bracket: BracketInputSchema.omit({ confirmed: true }), reason }),
    run: async (call, args: { bracket: unknown; reason: string }) =>
      envelopeResult(await call('agents.proposals.create', { action: { kind: 'bracket', bracket: args.bracket }, reason: args.reason })),
  },
  {
    name: 'tradewind_propose_bot_start',
    title: 'Propose starting a live bot',
    description: `Proposes starting a saved live bot. ${proposeNote}`,
    scope: 'propose-live',
    input: z.strictObject({ botId: id, reason }),
    run: async (call, args: { botId: string; reason: string }) =>
      envelopeResult(await call('agents.proposals.create', { action: { kind: 'bot.start', botId: args.botId }, reason: args.reason })),
  },
  {
    name: 'tradewind_propose_bot_stop',
    title: 'Propose stopping a live bot',
    description: `Proposes stopping a running live bot. ${proposeNote}`,
    scope: 'propose-live',
    input: z.strictObject({ botId: id, reason }),
    run: async (call, args: { botId: string; reason: string }) =>
      envelopeResult(await call('agents.proposals.create', { action: { kind: 'bot.stop', botId: args.botId }, reason: args.reason })),
  },
  method(
    'tradewind_proposal_status',
    'Proposal status',
    "One of this agent's proposals: pending, approved (with what was placed), denied, expired or failed (with why).",
    'propose-live',
    'agents.proposals.get',
  ),
];
