import { useId } from 'react';
import type { ChannelView, DeliveryView } from '../../../shared/ipc/schemas/channels';
import { formatTime } from '../../lib/format/time';

const OUTCOME_LABELS: Record<DeliveryView['outcome'], string> = {
  sent: 'Sent',
  failed: 'Failed',
  retrying: 'Retrying',
  rate_limited: 'Held (rate limit)',
  quiet_hours: 'Quiet hours',
  dropped: 'Dropped',
};

interface DeliveryLogProps {
  rows: DeliveryView[];
  channels: ChannelView[];
  channelId: string;
  failuresOnly: boolean;
  onFilter: (filter: { channelId: string; failuresOnly: boolean }) => void;
}

/** Every delivery attempt, newest first, with what happened in words. */
export function DeliveryLog({ rows, channels, channelId, failuresOnly, onFilter }: DeliveryLogProps) {
  const titleId = useId();
  const filterId = useId();
  const names = new Map(channels.map((channel) => [channel.id, channel.name]));
  return (
    <section className="channel-log" aria-labelledby={titleId}>
      <div className="channel-log-head">
        <h3 className="channel-section-title" id={titleId}>
          Delivery log
        </h3>
        <label className="field-label" htmlFor={filterId}>
          Channel
        </label>
        <select
          id={filterId}
          className="select"
          value={channelId}
          onChange={(event) => onFilter({ channelId: event.target.value, failuresOnly })}
        >
          <option value="">All channels</option>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name}
            </option>
          ))}
        </select>
        <label className="choice">
          <input type="checkbox" checked={failuresOnly} onChange={(event) => onFilter({ channelId, failuresOnly: event.target.checked })} />
          Failures only
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="note">{failuresOnly ? 'No failures logged.' : 'Nothing delivered yet. Press “Send test” on a channel to try it.'}</p>
      ) : (
        <div className="channel-log-scroll">
          <table className="data-table" aria-labelledby={titleId} data-testid="channel-log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Channel</th>
                <th scope="col">Message</th>
                <th scope="col">Outcome</th>
                <th scope="col">Try</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={`channel-log-row channel-log-row--${row.outcome}`}>
                  <td className="num">{formatTime(row.at)}</td>
                  <td>{names.get(row.channelId) ?? row.channelId}</td>
                  <td className="cell-text">{row.title}</td>
                  <td>{OUTCOME_LABELS[row.outcome]}</td>
                  <td className="num">{row.attempt > 0 ? row.attempt : '—'}</td>
                  <td className="channel-log-reason">{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
