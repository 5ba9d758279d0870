import { useStore } from '../../store';
import { CONNECTION_LABELS } from './connection-label';

export function ConnectionBadge() {
  const connection = useStore((state) => state.connection);
  const label = CONNECTION_LABELS[connection];
  return (
    <span
      className={`badge badge--link-${connection}`}
      role="status"
      data-testid="connection-state"
      data-state={connection}
      title={label.title}
    >
      <span className="badge-dot" aria-hidden="true" />
      {label.text}
    </span>
  );
}
