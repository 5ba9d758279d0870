/** "Open logs folder" and "Export diagnostics" (the Data dialog); the CLI twin is `tradewind diagnostics`. */
import fs from 'node:fs';
import { TradewindError } from '../../../shared/ipc/errors';
import type { Db } from '../db/connection';
import { buildDiagnostics, diagnosticsFileFor, writeDiagnostics } from '../diagnostics/diagnostics-bundle';
import { logsDirOf } from '../logs/rotating-log';
import type { Handlers } from './dispatch';

type DiagnosticsHandlers = Pick<Handlers, 'diagnostics.export' | 'logs.open'>;

export interface DiagnosticsDeps {
  db: Db;
  dataDir: string;
  host: string;
  /** The host's way to show a folder (Electron: shell.openPath, which resolves to '' or an error text). */
  openFolder?: (dir: string) => Promise<string>;
  log: (line: string) => void;
}

export function createDiagnosticsHandlers(deps: DiagnosticsDeps): DiagnosticsHandlers {
  return {
    'diagnostics.export': () =>
      writeDiagnostics(buildDiagnostics({ db: deps.db, dataDir: deps.dataDir, host: deps.host }), diagnosticsFileFor(deps.dataDir)),
    'logs.open': async () => {
      const dir = logsDirOf(deps.dataDir);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!deps.openFolder) {
        // The headless host has no desktop to open it on: it names the folder on its own terminal.
        deps.log(`logs are in ${dir}`);
        return { dir, opened: false };
      }
      const failure = await deps.openFolder(dir);
      if (failure) throw new TradewindError('unavailable', `Could not open ${dir}: ${failure}. Open it in your file manager.`);
      return { dir, opened: true };
    },
  };
}
