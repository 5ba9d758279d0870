import { useId, useMemo } from 'react';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { summarizeStrategy } from '../../../../shared/strategy/summary';
import { useSignalSourceOptions } from './signal-source-options';

/** The graph in plain words, redone on every edit so the trader can check what the wiring means. */
export function SummaryPanel({ graph }: { graph: StrategyGraph }) {
  const titleId = useId();
  const sources = useSignalSourceOptions();
  const summary = useMemo(
    () => summarizeStrategy(graph, { signalSourceName: (id) => sources.find((s) => s.id === id)?.name }),
    [graph, sources],
  );
  return (
    <section className="summary-panel" aria-labelledby={titleId} data-testid="strategy-summary">
      <h3 className="panel-title" id={titleId}>
        In words
      </h3>
      <p className="summary-text">{summary.text}</p>
    </section>
  );
}
