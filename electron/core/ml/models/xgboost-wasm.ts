/**
 * XGBoost's C++ (the `hist` tree method) compiled to WebAssembly, from `ml-xgboost` (mljs). We
 * call its C interface directly rather than through the package's 2018 JavaScript class, to:
 * - train in slices of rounds (its loop restarts at round 0 but the boosting state lives in the
 *   booster, so 10 × 10 rounds give the same model as 100 — tested), for progress and cancel;
 * - pass rows through `malloc`ed memory (the class copies them onto the 5 MB wasm stack);
 * - predict one bar without building a matrix (per-bar inference in a live bot);
 * - keep XGBoost's printing (it writes to stdout) out of the app's logs.
 * The glue is required lazily with a file-relative `require`, never bundled: it finds
 * `xgboost.wasm` beside itself (`ml-xgboost` is unpacked from app.asar in the installed app).
 * Loading is asynchronous (wasm instantiation), so entry points await `loadXGBoost()` first; after
 * that everything here is synchronous, as the walk-forward kernel needs.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

interface EmscriptenModule {
  isReady: Promise<unknown>;
  print: (text: string) => void;
  printErr: (text: string) => void;
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  cwrap(name: string, returns: string | null, args: string[]): (...args: unknown[]) => unknown;
  stackSave(): number;
  stackRestore(pointer: number): void;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  _create_model(rows: number, labels: number, rowCount: number, columns: number): number;
  _train_full_model(model: number, rounds: number): void;
  _predict_one(model: number, row: number, columns: number, out: number): number;
  _save_model(model: number): number;
  _get_file_content(buffer: number, size: number): void;
  _load_model(buffer: number, size: number): number;
  _free_memory_model(model: number): void;
  _sbrk(increment: number): number;
}

/** XGBoost (this build) reads a feature equal to -1 as missing: see `toFloat32Row`. */
const MISSING = -1;
/** The float32 just above -1: a real -1 moves here (the split order of every other value is unchanged). */
const NOT_MISSING = Math.fround(-1 + 2 ** -24);

export class XGBoostError extends Error {
  override name = 'XGBoostError';
}

export class XGBoostRuntime {
  private readonly setParam: (model: number, name: string, value: string) => void;
  private readonly printed: string[] = [];
  /** One input row and one output for `predict` (single-threaded: reused by every model). */
  private scratch = 0;
  private scratchWidth = 0;
  private readonly out: number;
  private live = 0;
  private readonly finalizer = new FinalizationRegistry<number>((handle) => this.free(handle));

  constructor(private readonly wasm: EmscriptenModule) {
    this.setParam = wasm.cwrap('set_param', null, ['number', 'string', 'string']) as (m: number, n: string, v: string) => void;
    this.out = wasm._malloc(16);
  }

  /** XGBoost's own lines, kept (not printed) so a failure can quote the last one. */
  capture(text: string): void {
    this.printed.push(text);
    if (this.printed.length > 20) this.printed.shift();
  }

  /**
   * Trains `rounds` trees on the rows, calling `onRounds` between slices (it may throw to cancel;
   * the booster is freed). Returns a booster without its training matrix: the trained one is
   * saved and loaded back, so what predicts is exactly what the registry stores.
   */
  train(
    rows: readonly Float64Array[],
    labels: readonly number[],
    params: Readonly<Record<string, string | number>>,
    rounds: number,
    onRounds?: (done: number, total: number) => void,
  ): { handle: number; bytes: Uint8Array } {
    const width = rows[0]!.length;
    const wasm = this.wasm;
    const x = wasm._malloc(rows.length * width * 4);
    const y = wasm._malloc(rows.length * 4);
    let trainer = 0;
    try {
      const heap = wasm.HEAPF32;
      rows.forEach((row, i) => toFloat32Row(row, heap, x / 4 + i * width));
      for (let i = 0; i < labels.length; i++) heap[y / 4 + i] = labels[i]!;
      trainer = this.call('create the training matrix', () => wasm._create_model(x, y, rows.length, width));
      if (trainer === 0) throw new XGBoostError('XGBoost could not create its training matrix.');
      this.live++;
    } finally {
      // The matrix holds its own copy of the rows and labels.
      wasm._free(x);
      wasm._free(y);
    }
    try {
      for (const [name, value] of Object.entries(params)) this.call(`set ${name}`, () => this.setParam(trainer, name, String(value)));
      const slice = Math.max(1, Math.ceil(rounds / 20));
      for (let done = 0; done < rounds;) {
        const step = Math.min(slice, rounds - done);
        this.call('train', () => wasm._train_full_model(trainer, step));
        done += step;
        onRounds?.(done, rounds);
      }
      const bytes = this.save(trainer);
      return { handle: this.load(bytes), bytes };
    } finally {
      this.free(trainer);
    }
  }

  /** The booster as XGBoost's binary model file. */
  save(handle: number): Uint8Array {
    const size = this.call('save the model', () => this.wasm._save_model(handle));
    if (size <= 0) throw new XGBoostError(`XGBoost could not save the model${this.lastLine()}.`);
    const buffer = this.wasm._malloc(size);
    try {
      this.call('read the saved model', () => this.wasm._get_file_content(buffer, size));
      return this.wasm.HEAPU8.slice(buffer, buffer + size);
    } finally {
      this.wasm._free(buffer);
    }
  }

  /** A booster from XGBoost's binary model file (check the bytes first: a damaged file can crash XGBoost). */
  load(bytes: Uint8Array): number {
    const buffer = this.wasm._malloc(bytes.length);
    try {
      this.wasm.HEAPU8.set(bytes, buffer);
      const handle = this.call('load the model', () => this.wasm._load_model(buffer, bytes.length));
      if (handle === 0) throw new XGBoostError(`XGBoost could not read the model${this.lastLine()}.`);
      this.live++;
      return handle;
    } finally {
      this.wasm._free(buffer);
    }
  }

  /** One row's prediction (binary:logistic: the probability of 1; reg:linear: the value). */
  predict(handle: number, row: Float64Array): number {
    if (row.length > this.scratchWidth) {
      if (this.scratch) this.wasm._free(this.scratch);
      this.scratch = this.wasm._malloc(row.length * 4);
      this.scratchWidth = row.length;
    }
    toFloat32Row(row, this.wasm.HEAPF32, this.scratch / 4);
    this.wasm._predict_one(handle, this.scratch, row.length, this.out);
    return this.wasm.HEAPF32[this.out / 4]!;
  }

  /** Frees the booster when `owner` is garbage-collected without `free` (a model nobody disposed). */
  track(owner: object, handle: number): void {
    this.finalizer.register(owner, handle, owner);
  }

  untrack(owner: object): void {
    this.finalizer.unregister(owner);
  }

  free(handle: number): void {
    if (handle === 0) return;
    this.wasm._free_memory_model(handle);
    this.live--;
  }

  /** Boosters alive in this thread (trained or loaded, not yet freed): what ownership tests read. */
  liveBoosters(): number {
    return this.live;
  }

  /** The top of XGBoost's heap (bytes): flat across retrains when every model is freed. */
  heapTop(): number {
    return this.wasm._sbrk(0);
  }

  /**
   * Runs a wasm call; this build cannot catch C++ exceptions, so XGBoost's failures arrive as a
   * thrown string after it printed the reason. The stack is restored and the reason quoted.
   */
  private call<T>(what: string, run: () => T): T {
    const stack = this.wasm.stackSave();
    const mark = this.printed.length;
    try {
      return run();
    } catch (error) {
      this.wasm.stackRestore(stack);
      const said = this.printed.slice(mark).join(' ').trim();
      throw new XGBoostError(`XGBoost failed to ${what}: ${said || (error instanceof Error ? error.message : String(error))}`);
    }
  }

  private lastLine(): string {
    const line = this.printed[this.printed.length - 1];
    return line ? ` (${line.trim()})` : '';
  }
}

/** Writes a row as float32 at `at` (an index into `heap`), moving a real -1 off XGBoost's missing marker. */
function toFloat32Row(row: Float64Array, heap: Float32Array, at: number): void {
  for (let j = 0; j < row.length; j++) {
    heap[at + j] = row[j]!;
    if (heap[at + j] === MISSING) heap[at + j] = NOT_MISSING;
  }
}

let runtime: XGBoostRuntime | null = null;
let loading: Promise<XGBoostRuntime> | null = null;

/** Loads the wasm once per thread (about 0.1 s); later calls return the same runtime. */
export function loadXGBoost(): Promise<XGBoostRuntime> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve('ml-xgboost/dist/wasm/xgboost.js');
    const binary = path.join(path.dirname(glue), 'xgboost.wasm');
    if (!fs.existsSync(binary))
      throw new XGBoostError(`XGBoost's WebAssembly file is missing (${binary}): reinstall the app (or run npm ci).`);
    const listeners = new Set(process.listeners('uncaughtException'));
    const wasm = require(glue) as EmscriptenModule & { onAbort?: (what: unknown) => void };
    // Silenced before the asynchronous instantiation can print (it reports its streaming fallback).
    wasm.print = wasm.printErr = () => undefined;
    // The glue adds an uncaughtException listener that rethrows: the process is not its to run.
    for (const listener of process.listeners('uncaughtException')) {
      if (!listeners.has(listener)) process.off('uncaughtException', listener);
    }
    await new Promise((resolve, reject) => {
      wasm.onAbort = (what) => reject(new XGBoostError(`XGBoost's WebAssembly did not start: ${String(what)}`));
      wasm.isReady.then(resolve, reject);
    });
    const ready = new XGBoostRuntime(wasm);
    wasm.print = wasm.printErr = (text) => ready.capture(text);
    runtime = ready;
    return ready;
  })();
  return loading;
}

/** The loaded runtime; an entry point that trains or loads an XGBoost model awaits `loadXGBoost()` first. */
export function xgboostRuntime(): XGBoostRuntime {
  if (!runtime) throw new XGBoostError('XGBoost is not loaded in this thread yet: await loadXGBoost() before using an XGBoost model.');
  return runtime;
}
