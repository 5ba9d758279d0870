import type { OrderStatus, OrderType } from '../../../shared/ipc/schemas/orders';

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
