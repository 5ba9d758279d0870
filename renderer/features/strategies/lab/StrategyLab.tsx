import { useId, type KeyboardEvent } from 'react';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { useStore } from '../../../store';
import type { LabTab } from '../store/lab-slice';
import { BacktestPanel } from './BacktestPanel';
import { OptimiserPanel } from './OptimiserPanel';
import { useLabJobs } from './use-lab-jobs';

const TABS: Array<{ id: LabTab; label: string }> = [
  { id: 'backtest', label: 'Backtest' },
  { id: 'optimise', label: 'Optimiser' },
];

/** Backtest and optimiser of the open strategy, as two tabs beside the editor. */
export function StrategyLab({ issues }: { issues: readonly StrategyIssue[] }) {
  useLabJobs();
  const tab = useStore((state) => state.labTab);
  const setTab = useStore((state) => state.setLabTab);
  const base = useId();
  const tabId = (id: LabTab) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = tab === 'backtest' ? 'optimise' : 'backtest';
    setTab(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <section className="panel strategy-lab" aria-label="Backtest lab">
      <div className="lab-tabs" role="tablist" aria-label="Lab" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={tabId(t.id)}
            className="lab-tab"
            aria-selected={tab === t.id}
            aria-controls={panelId}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="lab-scroll" role="tabpanel" id={panelId} aria-labelledby={tabId(tab)}>
        {tab === 'backtest' ? <BacktestPanel issues={issues} /> : <OptimiserPanel issues={issues} />}
      </div>
    </section>
  );
}
