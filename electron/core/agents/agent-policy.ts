import type { MethodName } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AgentScope } from '../../../shared/ipc/schemas/agents';

/** Reads a bot's mode through the contract (the caller's own dispatch, without the agent check). */
export type BotModeLookup = (botId: string) => Promise<'paper' | 'live'>;

interface AgentRule {
  scope: AgentScope;
  /** A further check on the (already parsed) input, e.g. "paper bots only". */
  check?: (input: unknown, botMode: BotModeLookup) => Promise<void> | void;
}

const paperOnly = (what: string): TradewindError =>
  new TradewindError(
    'permission',
    `Agents may ${what} paper bots only. For a live bot, propose it (tradewind_propose_bot_start) and a person approves it in Tradewind.`,
  );

const paperBot = async (input: unknown, botMode: BotModeLookup): Promise<void> => {
  const id = (input as { id: string }).id;
  if ((await botMode(id)) !== 'paper') throw paperOnly('start, pause and stop');
};

/**
 * The whole list of what an agent may call, by scope. Anything not listed — token and approval
 * methods, keys, accounts, settings, limits, restores, orders placed directly, withdrawals (which
 * Tradewind has no method for) — is refused to every agent.
 */
export const AGENT_POLICY: Partial<Record<MethodName, AgentRule>> = {
  'accounts.list': { scope: 'read' },
  'portfolio.snapshot': { scope: 'read' },
  'portfolio.history': { scope: 'read' },
  'markets.list': { scope: 'read' },
  'candles.get': { scope: 'read' },
  'market.depth': { scope: 'read' },
  'market.trades': { scope: 'read' },
  'indicators.compute': { scope: 'read' },
  'strategies.list': { scope: 'read' },
  'strategies.get': { scope: 'read' },
  'strategies.validate': { scope: 'read' },
  'datasets.list': { scope: 'read' },
  'backtest.run': { scope: 'read' },
  'backtest.result': { scope: 'read' },
  'optimise.run': { scope: 'read' },
  'optimise.result': { scope: 'read' },
  'bots.list': { scope: 'read' },
  'bots.get': { scope: 'read' },
  'bots.validate': { scope: 'read' },
  'orders.list': { scope: 'read' },
  'trades.list': { scope: 'read' },
  'brackets.list': { scope: 'read' },
  'alerts.list': { scope: 'read' },
  'bots.create': {
    scope: 'paper',
    check: (input) => {
      if ((input as { mode: string }).mode !== 'paper') throw paperOnly('create');
    },
  },
  'bots.start': { scope: 'paper', check: paperBot },
  'bots.pause': { scope: 'paper', check: paperBot },
  'bots.stop': { scope: 'paper', check: paperBot },
  // An alert rule only notifies the person: it sends nothing to any exchange, on any account.
  'alerts.create': { scope: 'paper' },
  'agents.proposals.create': { scope: 'propose-live' },
  'agents.proposals.get': { scope: 'propose-live' },
};

export function agentRule(method: MethodName): AgentRule | undefined {
  return Object.prototype.hasOwnProperty.call(AGENT_POLICY, method) ? AGENT_POLICY[method] : undefined;
}
