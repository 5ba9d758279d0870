import type { AlertCondition, AlertRepeat, AlertState, AlertTrigger } from '../../../shared/ipc/schemas/alerts';
import type { StrategyGraph } from '../../../shared/strategy/graph-schema';
import type { Db } from '../db/connection';

export interface AlertRuleRecord {
  id: string;
  name: string;
  accountId: string;
  symbol: string;
  condition: AlertCondition;
  /** A condition rule's strategy graph, copied when the rule was saved (editing the strategy later does not change the alert). */
  graph: StrategyGraph | null;
  strategyName: string | null;
  repeat: AlertRepeat;
  expiresAt: number | null;
  enabled: boolean;
  state: AlertState;
  lastTriggeredAt: number | null;
  lastValue: number | null;
  triggerCount: number;
  createdAt: number;
}

interface AlertRuleRow {
  id: string;
  name: string;
  account_id: string;
  symbol: string;
  condition_json: string;
  graph_json: string | null;
  strategy_name: string | null;
  repeat_json: string;
  expires_at: number | null;
  enabled: number;
  state: AlertState;
  last_triggered_at: number | null;
  last_value: number | null;
  trigger_count: number;
  created_at: number;
}

const toRecord = (row: AlertRuleRow): AlertRuleRecord => ({
  id: row.id,
  name: row.name,
  accountId: row.account_id,
  symbol: row.symbol,
  condition: JSON.parse(row.condition_json) as AlertCondition,
  graph: row.graph_json === null ? null : (JSON.parse(row.graph_json) as StrategyGraph),
  strategyName: row.strategy_name,
  repeat: JSON.parse(row.repeat_json) as AlertRepeat,
  expiresAt: row.expires_at,
  enabled: row.enabled === 1,
  state: row.state,
  lastTriggeredAt: row.last_triggered_at,
  lastValue: row.last_value,
  triggerCount: row.trigger_count,
  createdAt: row.created_at,
});

/** Alert rules and their trigger history in SQLite (`alert_rules`, `alert_triggers`). */
export class AlertRulesRepo {
  constructor(private readonly db: Db) {}

  list(): AlertRuleRecord[] {
    return (this.db.prepare('SELECT * FROM alert_rules ORDER BY created_at, id').all() as AlertRuleRow[]).map(toRecord);
  }

  get(id: string): AlertRuleRecord | undefined {
    const row = this.db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id) as AlertRuleRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Inserts or replaces the whole rule. */
  save(rule: AlertRuleRecord, now: number): void {
    this.db
      .prepare(
        `INSERT INTO alert_rules (id, name, account_id, symbol, condition_json, graph_json, strategy_name, repeat_json, expires_at,
           enabled, state, last_triggered_at, last_value, trigger_count, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, account_id = excluded.account_id, symbol = excluded.symbol,
           condition_json = excluded.condition_json, graph_json = excluded.graph_json, strategy_name = excluded.strategy_name,
           repeat_json = excluded.repeat_json, expires_at = excluded.expires_at, enabled = excluded.enabled, state = excluded.state,
           last_triggered_at = excluded.last_triggered_at, last_value = excluded.last_value, trigger_count = excluded.trigger_count,
           updated_at = excluded.updated_at`,
      )
      .run(
        rule.id,
        rule.name,
        rule.accountId,
        rule.symbol,
        JSON.stringify(rule.condition),
        rule.graph === null ? null : JSON.stringify(rule.graph),
        rule.strategyName,
        JSON.stringify(rule.repeat),
        rule.expiresAt,
        rule.enabled ? 1 : 0,
        rule.state,
        rule.lastTriggeredAt,
        rule.lastValue,
        rule.triggerCount,
        rule.createdAt,
        now,
      );
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  /** The rule's new state and the trigger row, in one transaction. */
  recordTrigger(rule: AlertRuleRecord, trigger: AlertTrigger): void {
    this.db.transaction(() => {
      this.save(rule, trigger.at);
      this.db
        .prepare('INSERT INTO alert_triggers (rule_id, at, value, message) VALUES (?, ?, ?, ?)')
        .run(trigger.ruleId, trigger.at, trigger.value, trigger.message);
    })();
  }

  history(ruleId: string | undefined, limit: number): AlertTrigger[] {
    const rows = (
      ruleId === undefined
        ? this.db.prepare('SELECT rule_id, at, value, message FROM alert_triggers ORDER BY id DESC LIMIT ?').all(limit)
        : this.db
            .prepare('SELECT rule_id, at, value, message FROM alert_triggers WHERE rule_id = ? ORDER BY id DESC LIMIT ?')
            .all(ruleId, limit)
    ) as Array<{ rule_id: string; at: number; value: number; message: string }>;
    return rows.map((row) => ({ ruleId: row.rule_id, at: row.at, value: row.value, message: row.message }));
  }
}
