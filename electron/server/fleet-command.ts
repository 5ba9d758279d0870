/**
 * `tradewind worker`: one process of the optimiser's worker fleet. Runs until SIGINT/SIGTERM,
 * then finishes the chunk in hand and exits 0. Exit 2: no or a malformed URL, or Redis not
 * reachable / refusing the password at start (the message names the URL without its password).
 */
import { BacktestInputError } from '../core/backtest/errors';
import { startFleetWorker } from '../core/backtest/fleet/fleet-worker';
import { FleetUnavailableError } from '../core/backtest/fleet/redis-url';
import type { WorkerArgs } from './cli-args';

export interface FleetIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface FleetCommandOptions {
  env?: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (default: SIGINT or SIGTERM). */
  stopSignal?: Promise<void>;
}

export async function runWorkerCommand(args: WorkerArgs, io: FleetIo, options: FleetCommandOptions = {}): Promise<number> {
  const url = args.redisUrl ?? (options.env ?? process.env).TRADEWIND_REDIS_URL;
  if (url === undefined || url.trim() === '') {
    io.stderr('tradewind: worker needs the Redis server: --redis redis://HOST:6379 or TRADEWIND_REDIS_URL.\n');
    return 2;
  }
  let worker;
  try {
    worker = await startFleetWorker({
      redisUrl: url,
      ...(args.lockDurationMs !== undefined ? { lockDurationMs: args.lockDurationMs } : {}),
      ...(args.stalledIntervalMs !== undefined ? { stalledIntervalMs: args.stalledIntervalMs } : {}),
      log: (line) => io.stdout(`tradewind worker: ${line}\n`),
    });
  } catch (error) {
    if (error instanceof BacktestInputError || error instanceof FleetUnavailableError) {
      io.stderr(`tradewind: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  await (options.stopSignal ?? processStop());
  io.stdout('tradewind worker: stopping after the chunk in hand…\n');
  await worker.close();
  return 0;
}

function processStop(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
