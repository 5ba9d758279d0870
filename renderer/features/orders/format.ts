import type { OrderStatus, OrderType } from '../../../shared/ipc/schemas/orders';

const time = new Intl.DateTimeFormat('en-GB', {
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

export function formatTime(ms: number): string {
  return time.format(ms);
}

export const TYPE_NAMES: Record<OrderType, string> = {
  market: 'Market',
  limit: 'Limit',
  stop_limit: 'Stop-limit',
  stop_market: 'Stop-market',
};

export const STATUS_NAMES: Record<OrderStatus, string> = {
  intent: 'Sending',
  unknown: 'Unknown',
  open: 'Open',
  partially_filled: 'Partly filled',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  expired: 'Expired',
  failed: 'Failed',
};
