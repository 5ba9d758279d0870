/**
 * SQLite's native module (better-sqlite3) failing to load is not a problem with the database
 * file: it means node_modules does not fit this runtime. better-sqlite3 13 is a Node-API addon
 * with prebuilt binaries inside its npm package (one file loads in Node 24 and in Electron), so it
 * fails only when node_modules came from another Node, OS or processor (copied, or installed with
 * an old Node that picked an old version), or when no prebuilt binary exists for this platform.
 */
import Database from 'better-sqlite3';

const NATIVE_FAILURE =
  /NODE_MODULE_VERSION|did not self-register|invalid ELF header|wrong ELF class|incompatible architecture|not a valid Win32 application|GLIBC_|napi_/;

export function isNativeModuleLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_DLOPEN_FAILED') return true;
  if (code === 'MODULE_NOT_FOUND' && /\.node\b/.test(error.message)) return true;
  return /\.node\b/.test(error.message) && NATIVE_FAILURE.test(error.message);
}

/** What failed, in which runtime, and what to do. */
export function sqliteModuleMessage(error: unknown, runtime: NodeJS.Process = process): string {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  const where = runtime.versions.electron
    ? `Electron ${runtime.versions.electron} (Node ${runtime.versions.node})`
    : `Node ${runtime.version}`;
  return (
    `SQLite's native module (better-sqlite3) could not be loaded into ${where} on ${runtime.platform}-${runtime.arch}: ${reason}. ` +
    'This is not a problem with your data. From source: run `npm ci` again with Node.js 24 LTS (see .nvmrc); ' +
    'node_modules installed by another Node version, or copied from another OS or processor, does not fit. ' +
    'An installed Tradewind: reinstall it for this OS and processor.'
  );
}

/**
 * Loads SQLite's native module once (an in-memory database), so a host can refuse at start with
 * this advice before anything opens the data folder (whose errors would otherwise blame the folder).
 */
export function assertSqliteLoads(): void {
  try {
    new Database(':memory:').close();
  } catch (error) {
    if (isNativeModuleLoadError(error)) throw new Error(sqliteModuleMessage(error), { cause: error });
    throw error;
  }
}
