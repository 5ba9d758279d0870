/**
 * Runs the active alert rules in core, on the same conflated ticker and candle events the windows
 * get (live streams or the offline replay), so the headless host alerts with no window open. Each
 * active rule holds a watch on its market (`alert:<id>`) while it is active; candle rules warm up
 * on history first. A hit passes the rule's policy (rule-policy.ts), is stored with the rule's new
 * state, and becomes a `notification` of kind `alert.rule` through the notification centre.
 */
import type { EventPayload, VenueCandleUpdate, VenueTicker } from '../../../shared/ipc/contract';
import type { Candle, Timeframe } from '../../../shared/domain/types';
import type { AlertRuleView, AlertTrigger } from '../../../shared/ipc/schemas/alerts';
import type { Notification } from '../../../shared/ipc/schemas/bots';
import type { MarketDataSource } from '../market-data/source';
import type { WatchRegistry } from '../market-data/watch-registry';
import { compileStrategy } from '../strategy';
import type { AlertRuleRecord, AlertRulesRepo } from './alert-rules-repo';
import { ruleView } from './alert-views';
import { mayFire, stateAfterFiring, stateAt } from './rule-policy';
import {
  ConditionEvaluator,
  PctMoveEvaluator,
  PriceCrossEvaluator,
  VolumeSpikeEvaluator,
  type AlertHit,
  type RuleEvaluator,
} from './rule-evaluators';

export interface AlertEngineDeps {
  repo: AlertRulesRepo;
  watches: WatchRegistry;
  subscribe: <T extends 'tickers' | 'candles'>(topic: T, listener: (payload: EventPayload<T>) => void) => () => void;
  source: (accountId: string) => Promise<MarketDataSource>;
  /** The venue whose stream the account's prices come from (MarketSources.venueOf): a rule reads only its own. */
  venueOf: (accountId: string) => string;
  notify: (level: Notification['level'], title: string, body: string, kind: string) => void;
  changed: (rules: AlertRuleView[], deleted: string[]) => void;
  log: (line: string) => void;
  now?: () => number;
  /** How often expiry is checked for rules that see no prices (ms). */
  expiryCheckMs?: number;
}

interface ActiveRule {
  rule: AlertRuleRecord;
  evaluator: RuleEvaluator;
  /** Prices of the same symbol on another venue are not this rule's. */
  venue: string;
  timeframe: Timeframe | null;
  /** Candle updates that arrived while the history was loading. */
  pending: VenueCandleUpdate[] | null;
  /** The bar in progress. */
  current: Candle | null;
}

export function evaluatorFor(rule: AlertRuleRecord): RuleEvaluator {
  const condition = rule.condition;
  switch (condition.type) {
    case 'price_cross':
      return new PriceCrossEvaluator(condition.level, condition.direction);
    case 'pct_move':
      return new PctMoveEvaluator(condition.pct, condition.windowMs, condition.direction);
    case 'volume_spike':
      return new VolumeSpikeEvaluator(condition.factor, condition.bars);
    case 'condition': {
      if (!rule.graph) throw new Error(`alert ${rule.id} has no strategy graph`);
      return new ConditionEvaluator(compileStrategy(rule.graph), condition.signal, rule.strategyName ?? 'Strategy');
    }
  }
}

export class AlertEngine {
  private readonly active = new Map<string, ActiveRule>();
  /** The active rules per market: a ticker batch touches only the rules on its symbols. */
  private readonly bySymbol = new Map<string, Set<ActiveRule>>();
  private readonly unsubscribe: Array<() => void> = [];
  private readonly expiryTimer: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly deps: AlertEngineDeps) {
    this.now = deps.now ?? Date.now;
    this.unsubscribe.push(deps.subscribe('tickers', ({ tickers }) => this.onTickers(tickers)));
    this.unsubscribe.push(deps.subscribe('candles', ({ updates }) => this.onCandles(updates)));
    this.expiryTimer = setInterval(() => this.expireDue(), deps.expiryCheckMs ?? 30_000);
    this.expiryTimer.unref?.();
  }

  /** Activates every stored rule that is active now. */
  start(): void {
    for (const rule of this.deps.repo.list()) this.sync(rule);
  }

  /** Starts, restarts (after an edit) or stops watching a rule according to its state. */
  sync(rule: AlertRuleRecord): void {
    this.deactivate(rule.id);
    if (this.closed || stateAt(rule, this.now()) !== 'active') return;
    let evaluator: RuleEvaluator;
    let venue: string;
    try {
      venue = this.deps.venueOf(rule.accountId);
      evaluator = evaluatorFor(rule);
    } catch (error) {
      this.deps.log(`alerts: rule ${rule.id} cannot run: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const timeframe = rule.condition.type === 'volume_spike' || rule.condition.type === 'condition' ? rule.condition.timeframe : null;
    const entry: ActiveRule = { rule, evaluator, venue, timeframe, pending: timeframe ? [] : null, current: null };
    this.active.set(rule.id, entry);
    let onSymbol = this.bySymbol.get(rule.symbol);
    if (!onSymbol) this.bySymbol.set(rule.symbol, (onSymbol = new Set()));
    onSymbol.add(entry);
    this.deps.watches.set(`alert:${rule.id}`, [rule.symbol], timeframe ? { symbol: rule.symbol, timeframe } : undefined);
    if (timeframe) void this.warmUp(entry, timeframe);
  }

  remove(id: string): void {
    this.deactivate(id);
  }

  /** Rules being evaluated (tests, diagnostics). */
  get activeCount(): number {
    return this.active.size;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.expiryTimer);
    for (const off of this.unsubscribe) off();
    for (const id of [...this.active.keys()]) this.deactivate(id);
  }

  private deactivate(id: string): void {
    const entry = this.active.get(id);
    if (!entry) return;
    this.active.delete(id);
    const onSymbol = this.bySymbol.get(entry.rule.symbol);
    onSymbol?.delete(entry);
    if (onSymbol?.size === 0) this.bySymbol.delete(entry.rule.symbol);
    this.deps.watches.end(`alert:${id}`);
  }

  private async warmUp(entry: ActiveRule, timeframe: Timeframe): Promise<void> {
    const { rule, evaluator } = entry;
    try {
      const source = await this.deps.source(rule.accountId);
      const candles = await source.fetchCandles(rule.symbol, timeframe, undefined, (evaluator.warmupBars ?? 0) + 1);
      if (this.active.get(rule.id) !== entry) return; // edited or removed meanwhile
      // History's last bar is the one in progress; the bars before it closed. Hits while warming are not alerts.
      for (const candle of candles.slice(0, -1)) evaluator.onBar?.(candle, true);
      entry.current = candles.at(-1) ?? null;
    } catch (error) {
      this.deps.log(
        `alerts: history for ${rule.symbol} ${timeframe} failed, starting cold: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.active.get(rule.id) !== entry) return;
    const pending = entry.pending ?? [];
    entry.pending = null;
    for (const update of pending) this.onBar(entry, update.candle);
  }

  private onTickers(tickers: readonly VenueTicker[]): void {
    if (this.active.size === 0) return;
    for (const ticker of tickers) {
      const onSymbol = this.bySymbol.get(ticker.symbol);
      if (!onSymbol) continue;
      for (const entry of [...onSymbol]) {
        if (!entry.evaluator.onPrice || entry.venue !== ticker.venue) continue;
        this.handle(entry, entry.evaluator.onPrice(ticker.timestamp, ticker.last));
      }
    }
  }

  private onCandles(updates: readonly VenueCandleUpdate[]): void {
    if (this.active.size === 0) return;
    for (const update of updates) {
      const onSymbol = this.bySymbol.get(update.symbol);
      if (!onSymbol) continue;
      for (const entry of [...onSymbol]) {
        if (entry.timeframe !== update.timeframe || entry.venue !== update.venue) continue;
        if (entry.pending) entry.pending.push(update);
        else this.onBar(entry, update.candle);
      }
    }
  }

  /** A newer bar closes the one in progress first; an older one (already seen) is ignored. */
  private onBar(entry: ActiveRule, candle: Candle): void {
    const current = entry.current;
    if (current && candle[0] < current[0]) return;
    if (current && candle[0] > current[0]) {
      entry.current = candle;
      this.handle(entry, entry.evaluator.onBar?.(current, true) ?? null);
      if (this.active.get(entry.rule.id) !== entry) return;
    }
    entry.current = candle;
    this.handle(entry, entry.evaluator.onBar?.(candle, false) ?? null);
  }

  private handle(entry: ActiveRule, hit: AlertHit | null): void {
    if (hit === null || this.active.get(entry.rule.id) !== entry) return;
    const now = this.now();
    const rule = entry.rule;
    if (!mayFire(rule, now)) {
      if (stateAt(rule, now) === 'expired') this.expire(rule);
      return;
    }
    const fired: AlertRuleRecord = {
      ...rule,
      state: stateAfterFiring(rule),
      lastTriggeredAt: now,
      lastValue: hit.value,
      triggerCount: rule.triggerCount + 1,
    };
    const trigger: AlertTrigger = { ruleId: rule.id, at: now, value: hit.value, message: hit.message };
    try {
      this.deps.repo.recordTrigger(fired, trigger);
    } catch (error) {
      // A trigger that cannot be stored (disk full) is still said: the cool-down holds in memory.
      this.deps.log(`alerts: storing a trigger of ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    entry.rule = fired;
    this.deps.notify('info', `Alert: ${rule.name}`, `${rule.symbol} · ${hit.message}`, 'alert.rule');
    this.deps.changed([ruleView(fired, now)], []);
    if (fired.state !== 'active') this.deactivate(rule.id);
  }

  private expireDue(): void {
    const now = this.now();
    for (const entry of [...this.active.values()]) if (stateAt(entry.rule, now) === 'expired') this.expire(entry.rule);
  }

  private expire(rule: AlertRuleRecord): void {
    const expired: AlertRuleRecord = { ...rule, state: 'expired' };
    try {
      this.deps.repo.save(expired, this.now());
    } catch (error) {
      this.deps.log(`alerts: marking ${rule.id} expired failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.deactivate(rule.id);
    this.deps.changed([ruleView(expired, this.now())], []);
  }
}
