import type { ConnectionState } from '../../lib/ipc/connection';

export const CONNECTION_LABELS: Record<ConnectionState, { text: string; title: string }> = {
  open: { text: 'Connected', title: 'Connected to the Tradewind core' },
  connecting: { text: 'Connecting to host…', title: 'Opening the connection to the Tradewind host' },
  closed: { text: 'Disconnected · retrying', title: 'The Tradewind host is unreachable; reconnecting automatically' },
};
