import type { MethodOutput, MarketDataStatus } from '../../shared/ipc/contract';
import type { ConnectionState } from '../lib/ipc/connection';
import type { SliceCreator } from './slice';

export type AppInfo = MethodOutput<'app.info'>;

export interface AppSlice {
  appInfo: AppInfo | null;
  /** Seeded from app.info, then kept current by the `marketData.status` event. */
  marketData: MarketDataStatus | null;
  connection: ConnectionState;
  /** Counts transitions to `open`; panels refetch what they may have missed when it grows past 1. */
  connectionEpoch: number;
  /** Start-up failed (host unreachable, no account): the app shows it instead of empty panels. */
  bootError: string | null;
  setAppInfo(info: AppInfo): void;
  setMarketDataStatus(status: MarketDataStatus): void;
  setConnection(state: ConnectionState): void;
  setBootError(message: string | null): void;
}

export const createAppSlice: SliceCreator<AppSlice> = (set) => ({
  appInfo: null,
  marketData: null,
  connection: 'connecting',
  connectionEpoch: 0,
  bootError: null,
  setAppInfo: (info) => set({ appInfo: info, marketData: info.marketData }),
  setMarketDataStatus: (status) => set({ marketData: status }),
  setConnection: (connection) =>
    set((state) => {
      if (state.connection === connection) return state;
      const reopened = connection === 'open';
      return { connection, connectionEpoch: reopened ? state.connectionEpoch + 1 : state.connectionEpoch };
    }),
  setBootError: (bootError) => set({ bootError }),
});
