import { useMemo } from 'react';
import { validateStrategyGraph } from '../../../shared/strategy/validate';
import { useStore } from '../../store';
import { StrategyEditor } from './editor/StrategyEditor';
import { StrategyLab } from './lab/StrategyLab';
import { StrategyList } from './list/StrategyList';
import '../../ui/controls.css';
import '../../ui/workspace.css';
import './strategies.css';

/** Strategies: saved strategies | the visual editor | backtest and optimiser of what is on the canvas. */
export function StrategiesWorkspace() {
  const graph = useStore((state) => state.openStrategy?.history.present ?? null);
  // The lab needs the same live validation the editor shows (the Run button waits on it).
  const issues = useMemo(() => (graph ? validateStrategyGraph(graph) : []), [graph]);
  return (
    <div className="workspace--strategies" data-testid="strategies-workspace">
      <StrategyList />
      <StrategyEditor />
      <StrategyLab issues={issues} />
    </div>
  );
}
