import type { AlertCondition, AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { formatNumber } from '../exchange/precision';
import type { AlertRuleRecord } from './alert-rules-repo';
import { stateAt } from './rule-policy';

const directionWords = { up: 'upwards', down: 'downwards', either: 'either way' } as const;

function minutes(ms: number): string {
  return ms % 3_600_000 === 0 ? `${formatNumber(ms / 3_600_000)} h` : `${formatNumber(ms / 60_000)} min`;
}

/** The condition in words: "crosses 65,000 upwards", "moves 2 % either way within 15 min"… */
export function describeCondition(condition: AlertCondition, strategyName: string | null): string {
  switch (condition.type) {
    case 'price_cross':
      return `crosses ${formatNumber(condition.level)} ${directionWords[condition.direction]}`;
    case 'pct_move':
      return `moves ${formatNumber(condition.pct)} % ${directionWords[condition.direction]} within ${minutes(condition.windowMs)}`;
    case 'volume_spike':
      return `${condition.timeframe} volume ≥ ${formatNumber(condition.factor)}× the average of ${condition.bars} bars`;
    case 'condition':
      return `"${strategyName ?? condition.strategyId}" ${condition.signal === 'enter' ? 'entry' : 'exit'} signal on ${condition.timeframe}`;
  }
}

export function ruleView(rule: AlertRuleRecord, now: number): AlertRuleView {
  return {
    id: rule.id,
    name: rule.name,
    accountId: rule.accountId,
    symbol: rule.symbol,
    condition: rule.condition,
    strategyName: rule.strategyName,
    repeat: rule.repeat,
    expiresAt: rule.expiresAt,
    enabled: rule.enabled,
    state: stateAt(rule, now),
    summary: `${rule.symbol} ${describeCondition(rule.condition, rule.strategyName)}`,
    lastTriggeredAt: rule.lastTriggeredAt,
    lastValue: rule.lastValue,
    triggerCount: rule.triggerCount,
    createdAt: rule.createdAt,
  };
}
