import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, windowsAppUserModelId } from './app-identity';
import { appPaths } from './paths';

const ROOT = path.resolve(__dirname, '../..');

interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: Target[]; files?: string[] };
  nsis: { oneClick: boolean; allowToChangeInstallationDirectory: boolean };
  mac: {
    files?: string[];
    target: string[];
    category: string;
    hardenedRuntime: boolean;
    gatekeeperAssess: boolean;
    entitlements: string;
    entitlementsInherit: string;
  };
  linux: { target: string[]; category: string; maintainer: string; files?: string[] };
  publish: Array<{ provider: string; releaseType?: string }>;
}

const config = parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it('identifies the app', () => {
    expect(config.appId).toBe('app.tradewind.terminal');
    // Windows attributes notifications by this ID: main sets it to the installer's appId.
    expect(APP_ID).toBe(config.appId);
    expect(windowsAppUserModelId(true, 'C:\\Program Files\\Tradewind\\Tradewind.exe')).toBe(config.appId);
    expect(windowsAppUserModelId(false, 'C:\\dev\\node_modules\\electron\\dist\\electron.exe')).toBe(
      'C:\\dev\\node_modules\\electron\\dist\\electron.exe',
    );
    expect(config.productName).toBe('Tradewind');
    expect(config.directories.output).toBe('release');
    expect(pkg.scripts.dist).toContain('electron-builder.yml');
  });

  it('packs the bundles (including package.json main) and leaves sources, tests and maps out', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json', '!**/*.map']));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files.some((f) => f.startsWith('!') && f.includes('ts'))).toBe(true);
    expect(config.files.some((f) => f.startsWith('!') && f.includes('.test.'))).toBe(true);
    expect(config.files.some((f) => /^(electron|renderer|shared|e2e)\b/.test(f))).toBe(false);
  });

  it('ships assets where the packaged main process looks for them', () => {
    const assets = config.extraResources.find((r) => r.from === 'assets');
    expect(assets).toBeDefined();
    const resources = path.resolve('/opt/Tradewind/resources');
    expect(appPaths(path.join(resources, 'app.asar/dist/electron'), true, resources).assets).toBe(path.join(resources, assets?.to ?? ''));
    // Installer-only resources (entitlements, icons) are not runtime data.
    expect(assets?.filter).toContain('!build/**');
  });

  it('uses asar with native modules unpacked (a .node file cannot be loaded from inside an asar)', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**']));
    // @napi-rs/keyring's binary sits in one package per platform next to the JS loader.
    for (const binary of [
      'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node',
      'node_modules/@napi-rs/keyring-darwin-arm64/keyring.darwin-arm64.node',
      'node_modules/@napi-rs/keyring-win32-x64-msvc/keyring.win32-x64-msvc.node',
    ]) {
      expect(
        config.asarUnpack.some((glob) => path.matchesGlob(binary, glob)),
        binary,
      ).toBe(true);
    }
    expect(config.asarUnpack.join(' ')).not.toMatch(/keytar/);
  });

  it("unpacks XGBoost's WebAssembly and the glue that reads it from beside itself", () => {
    for (const file of ['node_modules/ml-xgboost/dist/wasm/xgboost.wasm', 'node_modules/ml-xgboost/dist/wasm/xgboost.js']) {
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
      expect(
        config.asarUnpack.some((glob) => path.matchesGlob(file, glob)),
        file,
      ).toBe(true);
    }
  });

  it("ships only the packaged platform's onnxruntime-node binaries, unpacked from the asar", () => {
    // electron-builder's own matcher, as it filters node_modules: "**/*" then every exclusion of `files`
    // (global, then the platform's), with ${arch} expanded for the architecture being packaged.
    const builder = createRequire(path.join(ROOT, 'node_modules', 'app-builder-lib', 'package.json'));
    const { FileMatcher } = builder('./out/fileMatcher') as {
      FileMatcher: new (
        from: string,
        to: string,
        expand: (pattern: string) => string,
        patterns: string[],
      ) => { createFilter(): (file: string, stat: ReturnType<typeof statSync>) => boolean };
    };
    const { expandMacro } = builder('./out/util/macroExpander') as {
      expandMacro: (pattern: string, arch: string, appInfo: object) => string;
    };
    const bin = path.join(ROOT, 'node_modules', 'onnxruntime-node', 'bin');
    const binaries = readdirSync(bin, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    const shipped = (platform: 'win' | 'mac' | 'linux', arch: string): string[] => {
      const excludes = [...config.files, ...(config[platform].files ?? [])].filter((pattern) => pattern.startsWith('!'));
      const filter = new FileMatcher(ROOT, '/packaged', (pattern) => expandMacro(pattern, arch, {}), ['**/*', ...excludes]).createFilter();
      return binaries
        .filter((file) => filter(file, statSync(file)))
        .map((file) => path.relative(bin, file).split(path.sep).slice(0, 3).join('/'));
    };
    expect(new Set(shipped('linux', 'x64'))).toEqual(new Set(['napi-v6/linux/x64']));
    expect(new Set(shipped('linux', 'arm64'))).toEqual(new Set(['napi-v6/linux/arm64']));
    expect(new Set(shipped('win', 'x64'))).toEqual(new Set(['napi-v6/win32/x64']));
    expect(new Set(shipped('mac', 'arm64'))).toEqual(new Set(['napi-v6/darwin/arm64']));
    // The binding loads the onnxruntime library beside it, so both leave the asar.
    for (const file of binaries)
      expect(
        config.asarUnpack.some((glob) => path.matchesGlob(path.relative(ROOT, file), glob)),
        file,
      ).toBe(true);
  });

  it('packs the Node-API binaries from npm as they are, without rebuilding them for Electron', () => {
    // A rebuild would compile better-sqlite3 from source (a C++ toolchain on the packaging
    // machine); the prebuilt Node-API binary already loads in Electron (native-abi.integration.test.ts).
    expect(config.npmRebuild).toBe(false);
  });

  it('builds an NSIS x64 installer that lets the user choose the folder', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.allowToChangeInstallationDirectory).toBe(true);
  });

  it('builds a hardened-runtime dmg (and the zip electron-updater updates from) with the minimal entitlements', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.mac.category).toBe('public.app-category.finance');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.gatekeeperAssess).toBe(false);
    const file = path.join(ROOT, config.mac.entitlements);
    expect(existsSync(file)).toBe(true);
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const plist = readFileSync(file, 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]).sort();
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.cs.allow-unsigned-executable-memory']);
  });

  it('builds an AppImage and a deb in the Finance category', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Finance');
    // dpkg refuses packages without a maintainer address.
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('publishes the update feed to the GitHub release the workflow attaches the installers to', () => {
    // electron-updater reads app-update.yml, written from this at package time.
    expect(config.publish).toEqual([{ provider: 'github', releaseType: 'release' }]);
  });
});
