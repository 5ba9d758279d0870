/**
 * The desktop app and the Node hosts share one node_modules, so every native addon core loads must
 * load in both Node and Electron's main process from the same binary.
 *
 * Why this guards "compiled against a different Node.js version using NODE_MODULE_VERSION 115.
 * This version of Node.js requires NODE_MODULE_VERSION 150": a V8-API addon (better-sqlite3 12,
 * built by `npm ci` for the Node that ran it) registers as `node_register_module_v<ABI>` and calls
 * V8's C++ API, whose layout differs per runtime; Electron's ABI number (its own,
 * node_modules/electron/abi_version) never equals plain Node's, so Electron refuses it and
 * `createCore` cannot open SQLite. A Node-API addon registers as `napi_register_module_v1` and calls
 * only the stable `napi_*` C functions, so the binary npm installed loads in both, with no rebuild
 * (electron-builder.yml: npmRebuild false). The test finds the addons by really loading core as
 * Electron's main process does (Electron simulated: its binary is not installed here), reads each
 * binary's symbols, and refuses any production dependency that ships native code unless it is a
 * known Node-API package. Electron's own binary is not needed for any of it.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAddonSymbols } from './test-fixtures/addon-symbols';

const ROOT = path.resolve(__dirname, '../..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  hasInstallScript?: boolean;
}
interface PackageJson {
  version: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

/**
 * Production packages allowed to ship native code, each Node-API. `prebuiltOnly`: the binaries are
 * inside the npm package and nothing compiles at install (no toolchain on a user's machine).
 */
const NODE_API_PACKAGES: Array<{
  name: RegExp;
  minMajor?: number;
  prebuiltOnly: boolean;
  /** A package whose install script only downloads optional extras: the project's config must skip it (checked below). */
  installScriptSkipped?: { npmrc: string };
  why: string;
}> = [
  { name: /^better-sqlite3$/, minMajor: 13, prebuiltOnly: true, why: 'SQLite; Node-API with prebuilds in the package since 13' },
  { name: /^@napi-rs\/keyring(-[a-z0-9-]+)?$/, prebuiltOnly: true, why: 'OS keychain; napi-rs, one binary package per platform' },
  {
    name: /^onnxruntime-node$/,
    prebuiltOnly: true,
    installScriptSkipped: { npmrc: 'onnxruntime-node-install=skip' },
    why: 'ONNX model inference; its CPU binaries (Node-API) ship in the package, its install script would only download GPU (CUDA/TensorRT) providers from outside the npm registry',
  },
  {
    name: /^bufferutil$/,
    prebuiltOnly: false,
    why: 'optional ws speed-up (via ccxt and ws); Node-API prebuilds in the package, its install script compiles only where none fits and may fail (ws falls back to JavaScript)',
  },
];

/**
 * Native code npm installs that the app never ships: excluded from the package in
 * electron-builder.yml (checked here), and its parent package works without it.
 */
const NOT_SHIPPED: Array<{ name: RegExp; exclude: string; why: string }> = [
  {
    name: /^(msgpackr-extract|@msgpackr-extract\/[a-z0-9-]+)$/,
    exclude: '!**/node_modules/{msgpackr-extract,@msgpackr-extract}/**',
    why: "msgpackr's optional speed-up (via bullmq, the optimiser fleet): ABI-specific prebuilds; msgpackr falls back to JavaScript",
  },
];

/** Minimum version of a `>=X[.Y[.Z]]` range (the form every engines field here uses), as [X, Y, Z]. */
function minimumOf(range: string): [number, number, number] {
  const match = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`engines range "${range}" is not of the form ">=X.Y.Z"`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}
const compare = (a: readonly number[], b: readonly number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
const versionOf = (v: string): [number, number, number] => {
  const [major = 0, minor = 0, patch = 0] = v
    .replace(/^v/, '')
    .split('.')
    .map((n) => Number.parseInt(n, 10));
  return [major, minor, patch];
};

/** The `.node` files and build files of one installed package, not descending into its own node_modules. */
function nativeFilesOf(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.node') || entry.name === 'binding.gyp') found.push(full);
    }
  };
  walk(dir);
  return found;
}

/**
 * A package whose install script must not run: `.npmrc` carries the package's own skip switch (npm
 * of any version passes it to the script), package.json's `allowScripts` denies it (npm 11+ runs no
 * script it denies), and nothing the script would have fetched is installed.
 */
function installScriptSkipProblems(name: string, npmrcLine: string, installed: string): string[] {
  const problems: string[] = [];
  const npmrc = existsSync(path.join(ROOT, '.npmrc')) ? readFileSync(path.join(ROOT, '.npmrc'), 'utf8') : '';
  if (!npmrc.split(/\r?\n/).some((line) => line.trim() === npmrcLine))
    problems.push(`${name}: .npmrc must say ${npmrcLine} (its install script downloads from outside the npm registry)`);
  const { allowScripts } = readJson<{ allowScripts?: Record<string, boolean> }>(path.join(ROOT, 'package.json'));
  if (allowScripts?.[name] !== false) problems.push(`${name}: package.json allowScripts must deny its install script ("${name}": false)`);
  const downloaded = nativeLibrariesOf(installed).filter((file) => /providers_(cuda|tensorrt|rocm|migraphx)/.test(file));
  if (downloaded.length > 0)
    problems.push(
      `${name}: GPU providers its install script downloads are installed (${downloaded.map((f) => path.relative(installed, f)).join(', ')})`,
    );
  return problems;
}

/** Shared libraries inside a package (what an install-time download would add beside the binding). */
function nativeLibrariesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(so(\.\d+)*|dylib|dll)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function abiProblems(file: string): string | null {
  const symbols = readAddonSymbols(file);
  const problems: string[] = [];
  if (!symbols.napiEntry) problems.push('no Node-API entry point (napi_register_module_v1)');
  if (symbols.nodeAbiEntries.length > 0) problems.push(`registers for one Node ABI only (${symbols.nodeAbiEntries.join(', ')})`);
  if (symbols.engineImports.length > 0) problems.push(`calls V8/Node C++ directly (${symbols.engineImports.join(', ')})`);
  return problems.length === 0 ? null : `${path.relative(ROOT, file)} [${symbols.format}, ${symbols.method}]: ${problems.join('; ')}`;
}

describe('native addons: one binary for Node and Electron', { timeout: 60_000 }, () => {
  const pkg = readJson<PackageJson>(path.join(ROOT, 'package.json'));
  const electronDir = path.join(ROOT, 'node_modules', 'electron');
  const electron = readJson<PackageJson>(path.join(electronDir, 'package.json'));
  let dir: string;
  let report: { electron?: string; keychain?: string; onnx?: string; loaded: string[]; error?: string };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-native-abi-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'test-fixtures', 'record-native-loads.ts'), path.join(dir, 'data')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TRADEWIND_SIMULATED_ELECTRON: electron.version,
          TRADEWIND_OFFLINE: '1',
          // A bus nobody listens on: the keychain module loads, no real or test keyring is touched.
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-bus')}`,
        },
      },
    ).catch((err: { stdout?: string; message: string }) => ({ stdout: err.stdout || JSON.stringify({ error: err.message, loaded: [] }) }));
    report = JSON.parse(stdout.trim().split('\n').at(-1) as string) as typeof report;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("loads core as Electron's main process does: SQLite, and on Linux the keychain module", () => {
    expect(report.error).toBeUndefined();
    expect(report.electron).toBe(electron.version);
    expect(report.loaded.some((file) => file.includes(`${path.sep}better-sqlite3${path.sep}`))).toBe(true);
    if (process.platform === 'linux') {
      expect(report.keychain).toMatch(/^opened/);
      expect(report.loaded.length).toBeGreaterThanOrEqual(2);
    } else {
      process.stdout.write(`native-abi: keychain ${report.keychain}; its binaries are checked below from the installed packages\n`);
    }
  });

  it("loads onnxruntime-node's binding when a model is imported (no rebuild for Electron)", () => {
    expect(report.onnx).toBe('imported');
    expect(report.loaded.some((file) => file.endsWith(`${path.sep}onnxruntime_binding.node`))).toBe(true);
  });

  it('every addon core loads is Node-API, so the binary npm installed is the one Electron loads', () => {
    expect(report.loaded.length).toBeGreaterThan(0);
    expect(report.loaded.map(abiProblems).filter((problem) => problem !== null)).toEqual([]);
  });

  it("Electron's ABI differs from this Node's, which is why only Node-API addons can be shared", () => {
    // abi_version ships inside the electron npm package (present with ELECTRON_SKIP_BINARY_DOWNLOAD=1).
    const abiFile = path.join(electronDir, 'abi_version');
    expect(existsSync(abiFile)).toBe(true);
    const electronAbi = readFileSync(abiFile, 'utf8').trim();
    expect(electronAbi).toMatch(/^\d+$/);
    expect(electronAbi).not.toBe(process.versions.modules);
  });

  it("declares a Node that satisfies Electron's packages, and runs on it", () => {
    const ours = minimumOf(pkg.engines?.node ?? '');
    expect(
      compare(ours, minimumOf(electron.engines?.node ?? '')),
      `engines ${pkg.engines?.node} vs electron's ${electron.engines?.node}`,
    ).toBeGreaterThanOrEqual(0);
    const sqlite = readJson<PackageJson>(path.join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'));
    expect(
      compare(ours, minimumOf(sqlite.engines?.node ?? '')),
      `engines ${pkg.engines?.node} vs better-sqlite3's ${sqlite.engines?.node}`,
    ).toBeGreaterThanOrEqual(0);
    expect(
      compare(versionOf(process.version), ours),
      `tests run on Node ${process.version}; package.json needs ${pkg.engines?.node}`,
    ).toBeGreaterThanOrEqual(0);
  });

  it('ships native code only from known Node-API packages, whose installed binaries are all Node-API', () => {
    const lock = readJson<{ packages: Record<string, LockEntry> }>(path.join(ROOT, 'package-lock.json'));
    const builderConfig = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    const problems: string[] = [];
    let natives = 0;
    for (const [key, entry] of Object.entries(lock.packages)) {
      if (!key.startsWith('node_modules/') || entry.dev) continue;
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const installed = path.join(ROOT, key);
      if (!existsSync(installed)) {
        // Optional ones are other platforms' binaries; a missing required one means a stale install.
        if (!entry.optional) problems.push(`${name}@${entry.version}: in package-lock.json but not installed; run \`npm ci\``);
        continue;
      }
      const files = nativeFilesOf(installed);
      if (files.length === 0) continue;
      const notShipped = NOT_SHIPPED.find((candidate) => candidate.name.test(name));
      if (notShipped) {
        if (!builderConfig.includes(notShipped.exclude))
          problems.push(
            `${name}@${entry.version}: native code that electron-builder.yml must exclude (${notShipped.exclude}): ${notShipped.why}`,
          );
        continue;
      }
      natives += 1;
      const allowed = NODE_API_PACKAGES.find((candidate) => candidate.name.test(name));
      if (!allowed) {
        problems.push(`${name}@${entry.version}: native code (${path.relative(installed, files[0]!)}) and not a known Node-API package`);
        continue;
      }
      if (allowed.minMajor !== undefined && versionOf(entry.version ?? '0')[0] < allowed.minMajor) {
        problems.push(`${name}@${entry.version}: Node-API only from ${allowed.minMajor}.0 (${allowed.why})`);
      }
      if (allowed.installScriptSkipped) {
        problems.push(...installScriptSkipProblems(name, allowed.installScriptSkipped.npmrc, installed));
      } else if (allowed.prebuiltOnly && entry.hasInstallScript)
        problems.push(`${name}@${entry.version}: has an install script, so it compiles at install`);
      for (const file of files.filter((f) => f.endsWith('.node'))) {
        const problem = abiProblems(file);
        if (problem) problems.push(problem);
      }
    }
    expect(problems).toEqual([]);
    expect(natives).toBeGreaterThan(0);
  });
});
