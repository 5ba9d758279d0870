import { useId } from 'react';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { findNode, nodeDisplayName } from './graph-names';

interface ValidationPanelProps {
  graph: StrategyGraph;
  issues: readonly StrategyIssue[];
  onShowNode(nodeId: string): void;
}

/** Every problem validation finds, live, each naming its block and port; a click shows the block. */
export function ValidationPanel({ graph, issues, onShowNode }: ValidationPanelProps) {
  const titleId = useId();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  const summary =
    issues.length === 0
      ? 'No problems: the strategy can run.'
      : [
          errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '',
          warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
        ]
          .filter(Boolean)
          .join(', ');
  return (
    <section className="validation-panel" aria-labelledby={titleId} data-testid="validation-panel" data-error-count={errors}>
      <h3 className="panel-title validation-title" id={titleId}>
        Problems <span className="validation-summary">{summary}</span>
      </h3>
      {issues.length > 0 ? (
        <ul className="validation-list">
          {issues.map((issue, index) => {
            const node = issue.nodeId ? findNode(graph, issue.nodeId) : undefined;
            const where = node
              ? `${nodeDisplayName(node)}${issue.port ? ` · ${issue.port}` : issue.param ? ` · ${issue.param}` : ''}`
              : 'Strategy';
            return (
              <li key={index} className={`validation-item validation-item--${issue.severity}`}>
                {node ? (
                  <button type="button" className="validation-where" onClick={() => onShowNode(node.id)} title="Show this block">
                    {where}
                  </button>
                ) : (
                  <span className="validation-where">{where}</span>
                )}
                <span className="validation-message">{issue.message}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
