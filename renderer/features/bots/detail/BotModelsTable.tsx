import type { BotModelView, RetrainSchedule } from '../../../../shared/ipc/schemas/bots';
import { formatTime } from '../../../lib/format/time';
import { PanelMessage } from '../../../ui/PanelMessage';

/** The schedule in words, as the settings and the models tab say it. */
export function describeRetrain(schedule: RetrainSchedule | undefined): string {
  if (!schedule || schedule.every === 'never') return 'Never (keeps the pinned version)';
  const unit = { bars: 'closed bar', hours: 'hour', days: 'day' }[schedule.every];
  return schedule.n === 1 ? `Every ${unit}` : `Every ${schedule.n} ${unit}s`;
}

function nextOf(model: BotModelView): string {
  if (model.retraining) return 'Running now';
  const next = model.nextRetrain;
  if (!next) return 'Never';
  if ('bars' in next) return next.bars === 0 ? 'After the next bar' : `In ${next.bars} bar${next.bars === 1 ? '' : 's'}`;
  return formatTime(next.at);
}

/**
 * A strategy bot's walk-forward Model blocks: the version each runs, when it was last retrained
 * and how that went, and when the next retrain is due.
 */
export function BotModelsTable({ models }: { models: readonly BotModelView[] }) {
  if (models.length === 0)
    return <PanelMessage>No Model blocks trained here in this strategy. Add one in the strategy editor to run a model.</PanelMessage>;
  return (
    <table className="data-table num" data-testid="bot-models" aria-label="Models">
      <caption className="visually-hidden">Models</caption>
      <thead>
        <tr>
          <th scope="col">Block</th>
          <th scope="col">Model</th>
          <th scope="col">Version</th>
          <th scope="col">Last retrain</th>
          <th scope="col">Outcome</th>
          <th scope="col">Next retrain</th>
          <th scope="col">History</th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <tr key={model.nodeId}>
            <td className="cell-text">{model.nodeId}</td>
            <td className="cell-text">{model.name}</td>
            <td>v{model.version}</td>
            <td>{model.lastRetrain ? formatTime(model.lastRetrain.at) : '—'}</td>
            <td className="cell-text" title={model.lastRetrain?.message}>
              {model.lastRetrain ? (
                <span className={model.lastRetrain.outcome === 'failed' ? 'bot-model-failed' : undefined}>
                  {model.lastRetrain.outcome === 'failed' ? 'Failed: ' : 'Succeeded: '}
                  {model.lastRetrain.message}
                </span>
              ) : (
                'Not retrained yet'
              )}
            </td>
            <td>{nextOf(model)}</td>
            <td title="Closed bars a retrain reads: training, purge, one test window, lags and the features' warm-up">
              {model.historyBars} bars
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
