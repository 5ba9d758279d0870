/**
 * The desktop app's signal listener: an opt-in HTTP port on 127.0.0.1 (never another interface)
 * that serves only `POST /signals/<sourceId>`, open while signals are enabled and a port is set
 * (Bots → Signals…). Reaching it from TradingView takes a tunnel the person runs (README). The
 * request framing and every check are core's; this file only opens and closes the port.
 */
import { createServer, type Server } from 'node:http';
import { handleSignalRequest, isSignalRequest } from '../core/signals/signal-http';
import type { Core, SignalIntake } from '../core/types';

export interface SignalListener {
  /** The port open now (null: closed). */
  readonly port: number | null;
  /** Resolves once the port matches the latest settings (tests; a readiness signal, not a sleep). */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

export function installSignalListener(core: Core, log: (line: string) => void): SignalListener {
  const intake: SignalIntake | undefined = core.signals;
  let server: Server | null = null;
  let open: number | null = null;
  let chain: Promise<void> = Promise.resolve();

  const close = async (): Promise<void> => {
    const current = server;
    server = null;
    open = null;
    if (!current) return;
    await new Promise<void>((resolve) => current.close(() => resolve()));
    current.closeAllConnections();
  };

  const sync = (): Promise<void> =>
    (chain = chain.then(async () => {
      const wanted = intake && intake.enabled() ? intake.port() : null;
      if (wanted === open) return;
      await close();
      if (wanted === null || !intake) return;
      const next = createServer((req, res) => {
        if (!isSignalRequest(req, intake)) {
          res.statusCode = 404;
          res.end();
          return;
        }
        handleSignalRequest(req, res, intake).catch((err: unknown) => {
          log(`signals: ${String(err)}`);
          if (!res.headersSent) res.statusCode = 500;
          res.end();
        });
      });
      await new Promise<void>((resolve) => {
        next.once('error', (err) => {
          log(`signals: cannot listen on 127.0.0.1:${wanted}: ${err.message}`);
          resolve();
        });
        next.listen(wanted, '127.0.0.1', () => {
          server = next;
          open = wanted;
          log(`signals: listening on http://127.0.0.1:${wanted}/signals/<sourceId>`);
          resolve();
        });
      });
    }));

  void sync();
  const off = core.subscribe('signals.settings', () => void sync());
  return {
    get port() {
      return open;
    },
    settled: () => chain,
    dispose: async () => {
      off();
      await chain;
      await close();
    },
  };
}
