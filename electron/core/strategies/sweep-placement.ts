/**
 * Where an optimiser run's sweeps go: this machine's worker pool, or — when a Redis URL is set
 * (TRADEWIND_REDIS_URL, else Settings → optimiser) — the fleet of `tradewind worker` processes.
 * A fleet that cannot be used (Redis unreachable, refusing the password, no worker connected)
 * fails the run with a message naming the URL without its password, unless the person chose to
 * fall back to this machine; then the run goes local and says so.
 */
import type { OptimiserSettings } from '../../../shared/ipc/schemas/settings';
import { TradewindError } from '../../../shared/ipc/errors';
import { BacktestInputError, type BacktestWorkerPool, type SweepRunner } from '../backtest';
import type { FleetSweeps } from '../backtest/fleet/fleet-sweeps';
import { FleetUnavailableError, parseRedisUrl } from '../backtest/fleet/redis-url';

export interface SweepPlacement {
  runner: SweepRunner;
  /** "2 workers via redis://host:6379", or null on this machine. */
  where: string | null;
  /** Why a configured fleet is not used (the fallback was chosen), for the job's progress line. */
  notice: string | null;
}

export interface SweepPlacerOptions {
  pool: () => Pick<BacktestWorkerPool, 'sweepRunner'>;
  settings: () => OptimiserSettings;
  /** TRADEWIND_REDIS_URL: wins over the setting (it may carry a password; settings may not). */
  envRedisUrl?: string;
  log: (line: string) => void;
}

export class SweepPlacer {
  private fleet: { url: string; connecting: Promise<FleetSweeps> } | null = null;

  constructor(private readonly options: SweepPlacerOptions) {}

  async place(): Promise<SweepPlacement> {
    const { settings, envRedisUrl, pool, log } = this.options;
    const configured = settings();
    const url = envRedisUrl?.trim() ? envRedisUrl.trim() : configured.redisUrl;
    if (!url) return { runner: pool().sweepRunner, where: null, notice: null };
    try {
      const fleet = await this.connect(url);
      await fleet.requireWorkers();
      const count = await fleet.workerCount();
      const workers = count === null ? 'the worker fleet' : `${count} worker${count === 1 ? '' : 's'}`;
      return { runner: fleet.sweepRunner, where: `${workers} via ${fleet.target.safe}`, notice: null };
    } catch (error) {
      if (!(error instanceof FleetUnavailableError || error instanceof BacktestInputError)) throw error;
      const source = envRedisUrl?.trim() ? 'TRADEWIND_REDIS_URL' : 'Settings → Optimiser';
      if (configured.fallbackLocal) {
        log(`optimiser: ${error.message} Running on this machine (fallback chosen in settings).`);
        return { runner: pool().sweepRunner, where: null, notice: `Worker fleet unavailable, running here: ${error.message}` };
      }
      throw new TradewindError(
        'unavailable',
        `${error.message} (Redis URL from ${source}; to run sweeps on this machine instead, clear it or turn on "fall back to this machine".)`,
      );
    }
  }

  async close(): Promise<void> {
    const fleet = this.fleet;
    this.fleet = null;
    if (fleet) await fleet.connecting.then((f) => f.close()).catch(() => {});
  }

  private connect(url: string): Promise<FleetSweeps> {
    if (this.fleet?.url !== url) {
      const previous = this.fleet;
      if (previous) void previous.connecting.then((f) => f.close()).catch(() => {});
      parseRedisUrl(url);
      // BullMQ is loaded only when a fleet is configured: start-up without one does not pay for it.
      const connecting = import('../backtest/fleet/fleet-sweeps').then(({ FleetSweeps }) =>
        FleetSweeps.connect({ redisUrl: url, log: this.options.log }),
      );
      this.fleet = { url, connecting };
      // A failed connection is not kept: the next run tries again.
      connecting.catch(() => {
        if (this.fleet?.connecting === connecting) this.fleet = null;
      });
    }
    return this.fleet!.connecting;
  }
}
