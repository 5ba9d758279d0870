import path from 'node:path';
import type { MarketDataStatus } from '../../../shared/ipc/contract';
import { TradewindError } from '../../../shared/ipc/errors';
import { CcxtSource } from './live/ccxt-source';
import { loadReplayData } from './replay/replay-data';
import { ReplaySource, type ReplayClockStore } from './replay/replay-source';
import type { MarketDataSink, MarketDataSource } from './source';

export interface ReferenceSourceOptions {
  assetsDir: string;
  offline: boolean;
  apiUrl?: string;
  probeTimeoutMs: number;
  replaySpeed: number;
  /** The replay's wall clock (default Date.now). */
  replayClock?: () => number;
  /** Where the data folder's replay clock stopped: the replay resumes there and records it as it goes. */
  replayClockStore?: ReplayClockStore;
  sink: MarketDataSink;
  log: (line: string) => void;
}

export const REFERENCE_EXCHANGE = { id: 'binance', name: 'Binance' } as const;

/**
 * Picks the reference exchange's market data without blocking start-up: the live
 * exchange when it answers within a short time-out, otherwise the bundled replay.
 * Callers await `ready`; `status()` says "connecting" until it settles.
 */
export class ReferenceSource {
  readonly ready: Promise<MarketDataSource>;
  private source: MarketDataSource | undefined;
  private failure: string | undefined;

  constructor(
    private readonly options: ReferenceSourceOptions,
    private readonly onStatus: (status: MarketDataStatus) => void,
  ) {
    this.ready = this.open().then(
      (source) => {
        this.source = source;
        onStatus(source.status());
        return source;
      },
      (error: unknown) => {
        // Neither the exchange nor the bundled replay: say so everywhere instead of crashing.
        this.failure = `No market data: ${error instanceof Error ? error.message : String(error)}`;
        options.log(this.failure);
        onStatus(this.status());
        throw new TradewindError('unavailable', this.failure);
      },
    );
    this.ready.catch(() => {}); // callers see the rejection; an idle core must not crash on it
  }

  /** The source once the probe has settled (undefined while connecting or unavailable). */
  current(): MarketDataSource | undefined {
    return this.source;
  }

  status(): MarketDataStatus {
    if (this.failure) {
      return { mode: 'unavailable', exchangeId: REFERENCE_EXCHANGE.id, exchangeName: REFERENCE_EXCHANGE.name, detail: this.failure };
    }
    return (
      this.source?.status() ?? {
        mode: 'connecting',
        exchangeId: REFERENCE_EXCHANGE.id,
        exchangeName: REFERENCE_EXCHANGE.name,
        detail: `Contacting ${REFERENCE_EXCHANGE.name}…`,
      }
    );
  }

  async close(): Promise<void> {
    const source = await this.ready.catch(() => undefined);
    await source?.close();
  }

  private async open(): Promise<MarketDataSource> {
    const { options } = this;
    let reason = 'Offline mode is on (TRADEWIND_OFFLINE), so no exchange is contacted.';
    if (!options.offline) {
      try {
        return await CcxtSource.connect({
          exchangeId: REFERENCE_EXCHANGE.id,
          apiUrl: options.apiUrl,
          connectTimeoutMs: options.probeTimeoutMs,
          requestTimeoutMs: 10_000,
          pollMs: 2_000,
          sink: options.sink,
          log: options.log,
          // Websocket ↔ polling changes reach every window's status badge at once.
          onStatus: (status) => this.onStatus(status),
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        options.log(`live market data unavailable, using offline replay: ${message}`);
        reason = `${REFERENCE_EXCHANGE.name} could not be reached, so recorded prices are replayed.`;
      }
    }
    const { manifest, markets } = loadReplayData(path.join(options.assetsDir, 'data', 'replay'));
    return new ReplaySource(manifest, markets, options.sink, {
      speed: options.replaySpeed,
      startFraction: 0.8,
      tickMs: 500,
      reason,
      now: options.replayClock,
      clock: options.replayClockStore,
    });
  }
}
