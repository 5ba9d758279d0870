/**
 * Backtest worker thread: a thin loop over core. Messages: `run` (a backtest or a sweep of
 * grid points) and `cancel` in; `progress`, `result` and `error` out (see
 * electron/core/backtest/pool/protocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { createWorkerHandler } from '../core/backtest/pool/handler';
import type { WorkerRequest } from '../core/backtest/pool/protocol';

const port = parentPort;
if (!port) throw new Error('backtest-worker must be started as a worker thread');

const handle = createWorkerHandler((message, transfer) => port.postMessage(message, transfer ?? []));
port.on('message', (request: WorkerRequest) => handle(request));
