/**
 * Alert rules over the contract: checks each rule against the account's market data (the market
 * exists, the timeframe is served, the strategy compiles) with a specific message, stores it and
 * hands it to the engine.
 */
import { randomUUID } from 'node:crypto';
import type { AlertRuleInput, AlertRuleView, AlertTrigger } from '../../../shared/ipc/schemas/alerts';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import { TradewindError } from '../../../shared/ipc/errors';
import type { MarketDataSource } from '../market-data/source';
import { compileStrategy, StrategyCompileError } from '../strategy';
import type { AlertEngine } from './alert-engine';
import type { AlertRuleRecord, AlertRulesRepo } from './alert-rules-repo';
import { describeCondition, ruleView } from './alert-views';

export interface AlertServiceDeps {
  repo: AlertRulesRepo;
  engine: AlertEngine;
  /** The account's market data source; throws not_found for an unknown account. */
  source: (accountId: string) => Promise<MarketDataSource>;
  strategy: (strategyId: string) => { graph: StrategyGraph; name: string };
  changed: (rules: AlertRuleView[], deleted: string[]) => void;
  now?: () => number;
}

export class AlertService {
  private readonly now: () => number;

  constructor(private readonly deps: AlertServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  list(): AlertRuleView[] {
    const now = this.now();
    return this.deps.repo.list().map((rule) => ruleView(rule, now));
  }

  async create(input: AlertRuleInput): Promise<AlertRuleView> {
    const now = this.now();
    const checked = await this.check(input);
    const rule: AlertRuleRecord = {
      id: `alert_${randomUUID()}`,
      ...checked,
      state: 'active',
      lastTriggeredAt: null,
      lastValue: null,
      triggerCount: 0,
      createdAt: now,
    };
    return this.store(rule);
  }

  /** A changed rule starts afresh (active, its evaluator rebuilt); its trigger count and last trigger stay. */
  async update(id: string, input: AlertRuleInput): Promise<AlertRuleView> {
    const existing = this.require(id);
    const checked = await this.check(input);
    return this.store({ ...existing, ...checked, state: 'active' });
  }

  setEnabled(id: string, enabled: boolean): AlertRuleView {
    const existing = this.require(id);
    if (enabled && existing.expiresAt !== null && existing.expiresAt <= this.now()) {
      throw new TradewindError('invalid_input', 'This alert has expired: edit it and set a later expiry (or none) to switch it on again.');
    }
    return this.store({ ...existing, enabled, state: 'active' });
  }

  delete(id: string): { deleted: boolean } {
    const deleted = this.deps.repo.delete(id);
    this.deps.engine.remove(id);
    if (deleted) this.deps.changed([], [id]);
    return { deleted };
  }

  history(id: string | undefined, limit = 100): AlertTrigger[] {
    if (id !== undefined) this.require(id);
    return this.deps.repo.history(id, limit);
  }

  private require(id: string): AlertRuleRecord {
    const rule = this.deps.repo.get(id);
    if (!rule) throw new TradewindError('not_found', `No alert with id "${id}": it may have been deleted. Reload the alerts list.`);
    return rule;
  }

  private store(rule: AlertRuleRecord): AlertRuleView {
    const now = this.now();
    this.deps.repo.save(rule, now);
    this.deps.engine.sync(rule);
    const view = ruleView(rule, now);
    this.deps.changed([view], []);
    return view;
  }

  private async check(input: AlertRuleInput) {
    const source = await this.deps.source(input.accountId);
    if (!source.hasMarket(input.symbol)) {
      throw new TradewindError('not_found', `${input.symbol} is not a market on ${source.exchangeName}. Pick one from the markets list.`);
    }
    const condition = input.condition;
    if ((condition.type === 'volume_spike' || condition.type === 'condition') && !source.timeframes.includes(condition.timeframe)) {
      throw new TradewindError(
        'invalid_input',
        `${source.exchangeName} does not serve ${condition.timeframe} bars here; pick one of ${source.timeframes.join(', ')}.`,
      );
    }
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= this.now()) {
      throw new TradewindError('invalid_input', 'expiresAt: the expiry is in the past. Pick a later time, or none.');
    }
    let graph: StrategyGraph | null = null;
    let strategyName: string | null = null;
    if (condition.type === 'condition') {
      const strategy = this.deps.strategy(condition.strategyId);
      // Alert rules evaluate candles only; a signal block there would silently never fire.
      if (strategy.graph.nodes.some((n) => n.type === 'signalReceived'))
        throw new TradewindError(
          'invalid_input',
          `The strategy "${strategy.name}" has a "Signal received" block: alert rules read candles only. Run it as a strategy bot, or use a copy without the block.`,
        );
      if (strategy.graph.nodes.some((n) => n.type === 'model'))
        throw new TradewindError(
          'invalid_input',
          `The strategy "${strategy.name}" has a Model block: alert rules load no trained model. Backtest it, or use a copy without the block.`,
        );
      let positional = false;
      let higherTimeframe: string | undefined;
      let otherMarket: { nodeId: string; market: string } | undefined;
      try {
        const compiled = compileStrategy(strategy.graph);
        positional = compiled.positional;
        higherTimeframe = compiled.higherTimeframes[0]?.nodeId;
        otherMarket = compiled.otherMarkets[0];
      } catch (error) {
        if (!(error instanceof StrategyCompileError)) throw error;
        throw new TradewindError('invalid_input', `The strategy "${strategy.name}" cannot be used as a condition: ${error.message}`);
      }
      if (higherTimeframe !== undefined) {
        throw new TradewindError(
          'invalid_input',
          `The strategy "${strategy.name}" cannot be used as a condition: its higher-timeframe block (node "${higherTimeframe}") is not fed in alerts yet. Use it in a bot or a backtest, or pick a strategy without it.`,
        );
      }
      if (otherMarket !== undefined) {
        throw new TradewindError(
          'invalid_input',
          `The strategy "${strategy.name}" cannot be used as a condition: its "Other market" block (node "${otherMarket.nodeId}") reads ${otherMarket.market}, which alert rules do not feed yet. Use it in a bot or a backtest, or pick a strategy without it.`,
        );
      }
      if (positional) {
        const node = strategy.graph.nodes.find((n) => n.type === 'position');
        throw new TradewindError(
          'invalid_input',
          `The strategy "${strategy.name}" cannot be used as a condition: its Position block${node ? ` (node "${node.id}")` : ''} reads the strategy's own position, which an alert does not have. Use it in a bot or a backtest, or pick a strategy without it.`,
        );
      }
      graph = strategy.graph;
      strategyName = strategy.name;
    }
    const name = input.name?.trim() || `${input.symbol} ${describeCondition(condition, strategyName)}`;
    return {
      name,
      accountId: input.accountId,
      symbol: input.symbol,
      condition,
      graph,
      strategyName,
      repeat: input.repeat,
      expiresAt,
      enabled: input.enabled ?? true,
    };
  }
}
