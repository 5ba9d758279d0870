import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Per-OS app data folder (the same place Electron's `userData` would be), unless overridden. */
export function resolveDataDir(explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  const fromEnv = process.env.TRADEWIND_DATA_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Tradewind');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Tradewind');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Tradewind');
  }
}

/**
 * Bundled data (replay history, market metadata). Hosts set TRADEWIND_ASSETS_DIR (a packaged
 * app keeps assets in its resources folder). Otherwise: both this source file
 * (electron/core/) and the bundles (dist/electron/) sit two levels below the project root.
 */
export function resolveAssetsDir(): string {
  const fromEnv = process.env.TRADEWIND_ASSETS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../assets');
}
