/** Problems found in a strategy document, each naming where it is (node, port, parameter). */

export type StrategyIssueCode =
  | 'invalid_json'
  | 'unsupported_version'
  | 'schema'
  | 'unknown_block'
  | 'duplicate_node_id'
  | 'unknown_node'
  | 'unknown_port'
  | 'wrong_type'
  | 'duplicate_input'
  | 'missing_input'
  | 'cycle'
  | 'unknown_param'
  | 'param_not_number'
  | 'param_not_integer'
  | 'param_out_of_range'
  | 'param_invalid_choice'
  | 'param_invalid_text'
  | 'unknown_signal_source'
  | 'same_market'
  | 'other_market_gaps'
  | 'no_signal_feed'
  | 'no_model_feed'
  | 'no_signals_in_range'
  | 'param_conflict'
  | 'duplicate_protection'
  | 'no_entry'
  | 'no_exit'
  | 'limit_entries_expired'
  | 'higher_timeframe_warmup'
  | 'short_costs_not_modelled'
  | 'targets_over_100'
  | 'break_even_without_targets'
  | 'conflicting_orders';

export interface StrategyIssue {
  severity: 'error' | 'warning';
  code: StrategyIssueCode;
  message: string;
  nodeId?: string;
  port?: string;
  param?: string;
  /** Index into `edges` when the problem is an edge. */
  edgeIndex?: number;
  /** JSON path for shape problems found by the schema. */
  path?: string;
}

export function hasErrors(issues: readonly StrategyIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

export function formatIssue(issue: StrategyIssue): string {
  return `${issue.severity}: ${issue.message}`;
}
