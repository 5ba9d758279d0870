/**
 * XGBoost through its WebAssembly build: rounds reported and cancellable, a real -1 read as a
 * value (this build's missing marker), memory freed, nothing printed, and the stored document
 * loading back to the same predictions while a changed one is refused before XGBoost reads it.
 */
import { describe, expect, it, vi } from 'vitest';
import { ModelSpecSchema } from '../../../../shared/ml/model-spec';
import { seededRandom } from '../../kit/seeded-random';
import { ModelInputError } from '../errors';
import { checkModelDocument, fitModel, loadModel } from './fit';
import { loadXGBoost } from './xgboost-wasm';

const listenersBefore = process.listeners('uncaughtException').length;
const runtime = await loadXGBoost();

const params = (xgboost: Record<string, number>, kind: 'xgboostClassifier' | 'xgboostRegressor' = 'xgboostClassifier') =>
  ModelSpecSchema.parse({
    kind,
    label: { kind: kind === 'xgboostClassifier' ? 'direction' : 'forwardReturn', horizon: 1 },
    windows: { trainBars: 100, testBars: 10, purgeBars: 1 },
    xgboost,
  });

function data(n: number, seed: number) {
  const random = seededRandom(seed);
  const rows = Array.from({ length: n }, () => Float64Array.from({ length: 4 }, () => random() * 2 - 1));
  const labels = rows.map((r) => (r[0]! + 0.5 * r[1]! * r[2]! + (random() - 0.5) * 0.3 > 0 ? 1 : 0));
  return { rows, labels };
}

describe('XGBoost models', () => {
  it('reports its boosting rounds in slices and stops when a slice throws (cancel), freeing the booster', () => {
    const { rows, labels } = data(500, 1);
    const seen: number[] = [];
    const model = fitModel(params({ trees: 40 }), rows, labels, 7, { onRounds: (done, total) => seen.push(done / total) });
    model.dispose?.();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, k) => (k + 1) / 20));
    const live = runtime.liveBoosters();
    for (let k = 0; k < 5; k++) {
      expect(() =>
        fitModel(params({ trees: 40 }), rows, labels, 7, {
          onRounds: (done) => {
            if (done >= 10) throw new Error('cancelled');
          },
        }),
      ).toThrow('cancelled');
    }
    expect(runtime.liveBoosters()).toBe(live);
  });

  it('frees what it trains: a disposed model releases its booster and cannot predict any more', () => {
    const { rows, labels } = data(300, 2);
    const before = runtime.liveBoosters();
    const model = fitModel(params({ trees: 10 }), rows, labels, 1);
    expect(runtime.liveBoosters()).toBe(before + 1);
    model.dispose?.();
    model.dispose?.();
    expect(runtime.liveBoosters()).toBe(before);
    expect(() => model.predict(rows[0]!)).toThrow('This XGBoost model was disposed.');
  });

  it('reads a feature equal to -1 as the value -1, not as missing (the build marks missing with -1)', () => {
    // One split can only isolate -1 if -1 is a value: as "missing" it would ride with -0.5 or 0.5.
    const rows = Array.from({ length: 300 }, (_, i) => Float64Array.of([-1, -0.5, 0.5][i % 3]!));
    const labels = rows.map((r) => (r[0] === -1 ? 1 : 0));
    const model = fitModel(params({ trees: 60, maxDepth: 1, subsample: 1, featureShare: 1, learningRate: 0.3 }), rows, labels, 1);
    expect(model.predict(Float64Array.of(-1))).toBeGreaterThan(0.9);
    expect(model.predict(Float64Array.of(-0.5))).toBeLessThan(0.1);
    expect(model.predict(Float64Array.of(0.5))).toBeLessThan(0.1);
    model.dispose?.();
  });

  it('prints nothing to the console and leaves the process its own uncaughtException handling', () => {
    const log = vi.spyOn(console, 'log');
    const warn = vi.spyOn(console, 'warn');
    const write = vi.spyOn(process.stdout, 'write');
    try {
      const { rows, labels } = data(200, 3);
      fitModel(params({ trees: 5 }), rows, labels, 1).dispose?.();
      expect(log).not.toHaveBeenCalled();
      expect(warn).not.toHaveBeenCalled();
      expect(write).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
    expect(process.listeners('uncaughtException').length).toBe(listenersBefore);
  });

  it('regresses a value (reg:linear from the labels’ mean) and loads its stored document back to the same predictions', () => {
    const random = seededRandom(4);
    const rows = Array.from({ length: 400 }, () => Float64Array.from({ length: 3 }, () => random() * 2 - 1));
    const values = rows.map((r) => 5 + 2 * r[0]! - r[1]!);
    const model = fitModel(params({ trees: 80, learningRate: 0.2 }, 'xgboostRegressor'), rows, values, 3);
    const probe = Float64Array.of(0.5, -0.5, 0);
    expect(model.predict(probe)).toBeCloseTo(6.5, 0);
    const stored = JSON.parse(JSON.stringify(model.toJSON()));
    expect(stored).toMatchObject({ kind: 'xgboostRegressor', library: 'ml-xgboost@1.1.2', model: { objective: 'reg:linear', width: 3 } });
    const loaded = loadModel(stored);
    for (const row of rows.slice(0, 50)) expect(loaded.predict(row)).toBe(model.predict(row));
    model.dispose?.();
    loaded.dispose?.();
  });

  it('refuses a stored document whose bytes changed, naming the checksum, without handing them to XGBoost', () => {
    const { rows, labels } = data(200, 5);
    const model = fitModel(params({ trees: 5 }), rows, labels, 1);
    const stored = JSON.parse(JSON.stringify(model.toJSON()));
    model.dispose?.();
    const bytes = Buffer.from(stored.model.base64, 'base64');
    bytes[40] = bytes[40]! ^ 0xff;
    const changed = { ...stored, model: { ...stored.model, base64: bytes.toString('base64') } };
    const live = runtime.liveBoosters();
    expect(() => loadModel(changed)).toThrow(ModelInputError);
    expect(() => loadModel(changed)).toThrow(
      "The xgboostClassifier model document cannot be read (the XGBoost model's bytes do not match their SHA-256",
    );
    expect(() => checkModelDocument(changed)).toThrow(/do not match their SHA-256/);
    expect(() => checkModelDocument({ ...stored, model: { ...stored.model, objective: 'reg:linear' } })).toThrow(
      /objective is reg:linear, and a xgboostClassifier needs binary:logistic/,
    );
    expect(runtime.liveBoosters()).toBe(live);
    expect(() => checkModelDocument(stored)).not.toThrow();
  });
});
