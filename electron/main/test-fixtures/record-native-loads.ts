/**
 * Opens a data folder with the real core as the Electron main process does, and reports every
 * native addon (`.node` file) the process loaded, as one JSON line on stdout:
 *   node --import tsx record-native-loads.ts <data dir>
 * `process.versions.electron` is set first (from TRADEWIND_SIMULATED_ELECTRON), so any loader that
 * picks a binary by runtime sees Electron. On Linux the keychain store is opened too, against the
 * D-Bus address the caller passes (a dead one: the native module loads, no keyring is touched);
 * elsewhere opening it would write a probe entry into the real keychain, so it is left out and the
 * report says so. An ONNX model (the committed fixture) is imported through core's RPC, which loads
 * onnxruntime-node's binding as a user's first import does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const dataDir = process.argv[2] ?? '';
if (!dataDir) {
  process.stdout.write(`${JSON.stringify({ error: 'usage: record-native-loads.ts <data dir>' })}\n`);
  process.exit(2);
}

const loaded: string[] = [];
// Every `.node` file goes through process.dlopen (require's '.node' handler calls it), whether
// it loads or fails: recorded before loading, so a binary that cannot load is still named.
const dlopen = process.dlopen.bind(process);
process.dlopen = (module: { exports: unknown }, filename: string, flags?: number) => {
  loaded.push(filename);
  if (flags === undefined) dlopen(module, filename);
  else dlopen(module, filename, flags);
};
const simulated = process.env.TRADEWIND_SIMULATED_ELECTRON;
if (simulated) Object.defineProperty(process.versions, 'electron', { value: simulated, enumerable: true });

async function main(): Promise<Record<string, unknown>> {
  const { createCore } = await import('../../core/index');
  const core = await createCore({ dataDir, host: 'electron', offline: true, log: () => undefined });
  let keychain: string;
  let onnx: string;
  try {
    const model = readFileSync(path.join(import.meta.dirname, '../../core/ml/onnx/fixtures/logreg3.onnx')).toString('base64');
    const ctx = { sessionId: 'native-abi' };
    await core.invoke('models.importOnnxChunk', { uploadId: 'native-abi-onnx', index: 0, base64: model }, ctx);
    const imported = await core.invoke(
      'models.importOnnx',
      { uploadId: 'native-abi-onnx', chunks: 1, name: 'fixture', fileName: 'logreg3.onnx' },
      ctx,
    );
    onnx = imported.ok ? 'imported' : `refused: ${imported.error.message}`;
    if (process.platform !== 'linux') {
      keychain = `not opened on ${process.platform}: it would write a probe entry into the real keychain`;
    } else {
      const { openSecretStore } = await import('../../core/secrets/select-store');
      try {
        await openSecretStore({ dataDir, env: {} });
        keychain = 'opened';
      } catch (err) {
        // Expected against the dead bus: the module loaded, the Secret Service did not answer.
        keychain = `opened, refused: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`;
      }
    }
  } finally {
    await core.close();
  }
  return { electron: process.versions.electron, keychain, onnx, loaded };
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: err instanceof Error ? (err.stack ?? err.message) : String(err), loaded })}\n`);
    process.exit(1);
  },
);
