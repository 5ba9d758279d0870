import type { MarketDataStatus } from '../../../shared/ipc/contract';
import { formatUtcMinute } from '../../lib/format/time';

export interface MarketDataLabel {
  mode: MarketDataStatus['mode'];
  text: string;
  /** Tooltip: why we fell back, or what is replayed. */
  title: string;
}

/** "Live · Binance", "Offline replay · 2021-07-15 14:05 UTC", "No market data" or "Connecting…". */
export function describeMarketData(status: MarketDataStatus | null): MarketDataLabel {
  if (!status) return { mode: 'connecting', text: 'Connecting…', title: 'Waiting for market data' };
  switch (status.mode) {
    case 'live':
      return { mode: 'live', text: `Live · ${status.exchangeName}`, title: status.detail };
    case 'replay': {
      const clock = status.replayTime === undefined ? '' : ` · ${formatUtcMinute(status.replayTime)}`;
      const speed = status.replaySpeed && status.replaySpeed !== 1 ? ` (replayed at ${status.replaySpeed}× speed)` : '';
      return { mode: 'replay', text: `Offline replay${clock}`, title: `${status.detail}${speed}` };
    }
    case 'unavailable':
      return { mode: 'unavailable', text: 'No market data', title: status.detail };
    case 'connecting':
      return { mode: 'connecting', text: 'Connecting…', title: status.detail };
  }
}
