/** The model registry: versions stored as files that survive a restart, listed, compared, deleted; corrupt files refused by name. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sliceColumns } from '../strategy/candle-columns';
import { realCandles } from '../strategy/test-support/real-candles';
import { makeTempDir } from '../test-support/temp-dir';
import { ModelInputError } from './errors';
import { loadModel } from './models/fit';
import { ModelRegistry } from './registry';
import { modelSpec, trainedVersion } from './test-support/model-graph';
import { loadXGBoost } from './models/xgboost-wasm';

await loadXGBoost();

const trained = trainedVersion(sliceColumns(realCandles('btc1h'), 0, 1000));
const { id: _id, version: _v, createdAt: _c, ...draft } = trained;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => temp?.cleanup());

describe('model registry', () => {
  it('stores versions that a new registry on the same folder reads back whole (a restart)', () => {
    temp = makeTempDir();
    let clock = 1000;
    const registry = new ModelRegistry(temp.dir, () => clock++);
    const first = registry.save(draft);
    const second = registry.save({ ...draft, name: 'Retrained' }, first.id);
    expect(first.id).toMatch(/^mdl_[0-9a-f]{16}$/);
    expect([first.version, second.version]).toEqual([1, 2]);
    const reopened = new ModelRegistry(temp.dir);
    expect(reopened.get(first.id, 1)).toEqual(first);
    expect(reopened.list().versions.map((v) => [v.name, v.version])).toEqual([
      ['Retrained', 2],
      ['Up next bars', 1],
    ]);
    // The stored model of the next window loads and predicts as the trained one did.
    const stored = loadModel(reopened.get(first.id, 2).latest!.model);
    const row = Float64Array.from([0.1, -0.3, 0.2, 0.5]);
    expect(stored.predict(row)).toBe(loadModel(trained.latest!.model).predict(row));
    expect(fs.statSync(path.join(temp.dir, first.id, 'v1.json')).mode & 0o777).toBe(0o600);
  });

  it('deletes one version or all of them', () => {
    temp = makeTempDir();
    const registry = new ModelRegistry(temp.dir);
    const a = registry.save(draft);
    registry.save(draft, a.id);
    expect(registry.delete(a.id, 1)).toBe(1);
    expect(registry.find(a.id, 1)).toBeUndefined();
    expect(registry.save(draft, a.id).version).toBe(3);
    expect(registry.delete(a.id)).toBe(2);
    expect(registry.list().versions).toEqual([]);
    expect(fs.existsSync(path.join(temp.dir, a.id))).toBe(false);
  });

  it('refuses a corrupt model file, naming it, and lists it as unreadable instead of hiding it', () => {
    temp = makeTempDir();
    const registry = new ModelRegistry(temp.dir);
    const a = registry.save(draft);
    const b = registry.save(draft);
    const fileA = path.join(temp.dir, a.id, 'v1.json');
    fs.writeFileSync(fileA, '{"id": "mdl_');
    expect(() => registry.get(a.id, 1)).toThrow(ModelInputError);
    expect(() => registry.get(a.id, 1)).toThrow(`The model file ${fileA} is corrupt (not valid JSON)`);
    const fileB = path.join(temp.dir, b.id, 'v1.json');
    const doc = JSON.parse(fs.readFileSync(fileB, 'utf8'));
    doc.latest.model.model = { name: 'RFClassifier', baseModel: null };
    fs.writeFileSync(fileB, JSON.stringify(doc));
    expect(() => registry.get(b.id, 1)).toThrow(/is corrupt \(The randomForestClassifier model document cannot be read/);
    const listed = registry.list();
    expect(listed.versions).toEqual([]);
    expect(listed.unreadable.map((u) => u.file).sort()).toEqual([fileA, fileB].sort());
  });

  it('round-trips an XGBoost version: reloaded after a restart it predicts as trained; changed bytes are refused by name', () => {
    temp = makeTempDir();
    const boosted = trainedVersion(
      sliceColumns(realCandles('btc1h'), 0, 1000),
      modelSpec({ kind: 'xgboostClassifier', xgboost: { trees: 30 } }),
    );
    const { id: _i, version: _n, createdAt: _t, ...boostedDraft } = boosted;
    const saved = new ModelRegistry(temp.dir).save(boostedDraft);
    const reread = new ModelRegistry(temp.dir).get(saved.id, 1);
    expect(reread).toEqual(saved);
    expect(reread.kind).toBe('xgboostClassifier');
    const stored = loadModel(reread.latest!.model);
    const original = loadModel(boosted.latest!.model);
    for (const row of [
      [0.1, -0.3, 0.2, 0.5],
      [-1, 1, 0, 2],
      [1.5, 0.2, -0.7, -1.1],
    ]) {
      const features = Float64Array.from(row);
      expect(stored.predict(features)).toBe(original.predict(features));
      expect(stored.predict(features)).toBeGreaterThan(0);
      expect(stored.predict(features)).toBeLessThan(1);
    }
    stored.dispose?.();
    original.dispose?.();
    const file = path.join(temp.dir, saved.id, 'v1.json');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const bytes = Buffer.from(doc.latest.model.model.base64, 'base64');
    doc.latest.model.model.base64 = bytes.subarray(0, bytes.length - 10).toString('base64');
    fs.writeFileSync(file, JSON.stringify(doc));
    expect(() => new ModelRegistry(temp!.dir).get(saved.id, 1)).toThrow(
      `The model file ${file} is corrupt (The xgboostClassifier model document cannot be read (the XGBoost model's bytes do not match their SHA-256`,
    );
  });
});
