import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BotPresetView, PresetSettings } from '../../../../shared/ipc/schemas/bot-presets';
import type { GridConfig } from '../../../../shared/ipc/schemas/bots';
import { DB_FILE_NAME } from '../../db/connection';
import { PAPER_ACCOUNT_ID } from '../../paper/paper-account';
import { useOfflineCore } from '../../test-support/offline-core';

const harness = useOfflineCore({ sessionId: 'presets-test', core: { replayClock: () => Date.UTC(2024, 0, 1) } });
const { start, call, refusal } = harness;

const gridConfig: GridConfig = {
  kind: 'grid',
  lower: 40_000,
  upper: 46_000,
  levels: 7,
  spacing: 'geometric',
  investment: 1_200,
  stopLoss: 38_000,
  takeProfit: null,
};

const grid: PresetSettings = {
  accountId: PAPER_ACCOUNT_ID,
  symbol: 'BTC/USDT',
  timeframe: '5m',
  mode: 'paper',
  config: gridConfig,
  risk: { capitalCap: 1_500, maxOpenOrders: 20, maxDailyLoss: 100 },
};

const dca: PresetSettings = {
  ...grid,
  symbol: 'ETH/USDT',
  config: {
    kind: 'dca',
    baseOrder: 50,
    safetyOrder: 100,
    safetyOrders: 4,
    priceDeviationPct: 2,
    stepScale: 1.2,
    volumeScale: 1.5,
    takeProfitPct: 1.5,
    maxActiveDeals: 1,
    start: 'immediately',
    strategyId: null,
  },
};

/** Writes a row as an older (or other) build would have, behind core's back. */
function writeRaw(dataDir: string, id: string, name: string, kind: string, settings: unknown): void {
  const db = new Database(path.join(dataDir, DB_FILE_NAME));
  db.prepare('INSERT INTO bot_presets (id, name, kind, settings_json, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)').run(
    id,
    name,
    kind,
    JSON.stringify(settings),
  );
  db.close();
}

describe('bot presets in core', () => {
  it('saves, lists by name, renames and deletes presets of any kind, kept across a restart', async () => {
    await start();
    expect(await call<BotPresetView[]>('botPresets.list')).toEqual([]);
    const saved = await call<BotPresetView>('botPresets.save', { name: 'Wide BTC grid', settings: grid });
    expect(saved).toMatchObject({ name: 'Wide BTC grid', kind: 'grid', settings: grid, invalid: null });
    await call('botPresets.save', { name: 'ETH dip buyer', settings: dca });
    await harness.stop();
    await start();
    const listed = await call<BotPresetView[]>('botPresets.list');
    expect(listed.map((p) => [p.name, p.kind])).toEqual([
      ['ETH dip buyer', 'dca'],
      ['Wide BTC grid', 'grid'],
    ]);
    expect(listed[0]!.settings).toEqual(dca);

    const renamed = await call<BotPresetView>('botPresets.rename', { id: saved.id, name: 'A grid' });
    expect(renamed).toMatchObject({ id: saved.id, name: 'A grid', settings: grid });
    expect((await call<BotPresetView[]>('botPresets.list')).map((p) => p.name)).toEqual(['A grid', 'ETH dip buyer']);
    expect(await call('botPresets.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await call('botPresets.delete', { id: saved.id })).toEqual({ deleted: false });
    expect((await call<BotPresetView[]>('botPresets.list')).map((p) => p.name)).toEqual(['ETH dip buyer']);
  });

  it('refuses a name already used (any case), an unknown preset and settings that do not check out', async () => {
    await start();
    const first = await call<BotPresetView>('botPresets.save', { name: 'Scalper', settings: grid });
    const other = await call<BotPresetView>('botPresets.save', { name: 'Other', settings: dca });
    expect(await refusal('botPresets.save', { name: 'scalper', settings: dca })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('A preset called "scalper" already exists'),
    });
    expect(await refusal('botPresets.rename', { id: other.id, name: 'SCALPER' })).toMatchObject({ code: 'invalid_input' });
    // Renaming a preset to its own name in another case is allowed.
    expect(await call<BotPresetView>('botPresets.rename', { id: first.id, name: 'SCALPER' })).toMatchObject({ name: 'SCALPER' });
    expect(await refusal('botPresets.rename', { id: 'preset_gone', name: 'x' })).toMatchObject({ code: 'not_found' });
    const bad = await refusal('botPresets.save', { name: 'Bad', settings: { ...grid, config: { ...gridConfig, levels: 1 } } });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toContain('settings.config.levels');
    expect(await refusal('botPresets.save', { name: '  ', settings: grid })).toMatchObject({ code: 'invalid_input' });
  });

  it('lists a preset whose kind changed shape or disappeared as invalid with the reason, never with part of its settings', async () => {
    await start();
    await call('botPresets.save', { name: 'Good', settings: grid });
    await harness.stop();
    const { levels: _levels, ...olderGrid } = gridConfig;
    writeRaw(harness.dir, 'preset_old', 'Old grid', 'grid', { ...grid, config: { ...olderGrid, gridCount: 7 } });
    writeRaw(harness.dir, 'preset_gone', 'Martingale', 'martingale', { ...grid, config: { kind: 'martingale', steps: 3 } });
    await start();
    const listed = await call<BotPresetView[]>('botPresets.list');
    const byName = new Map(listed.map((p) => [p.name, p]));
    expect(byName.get('Good')).toMatchObject({ settings: grid, invalid: null });
    expect(byName.get('Old grid')).toMatchObject({ kind: 'grid', settings: null });
    expect(byName.get('Old grid')!.invalid).toMatch(/^The grid settings have changed since this preset was saved \(config\./);
    expect(byName.get('Martingale')).toMatchObject({ kind: 'martingale', settings: null });
    expect(byName.get('Martingale')!.invalid).toContain('no "martingale" bot kind');
    // An invalid preset can still be renamed and deleted.
    expect(await call<BotPresetView>('botPresets.rename', { id: 'preset_old', name: 'Old grid (v1)' })).toMatchObject({ settings: null });
    expect(await call('botPresets.delete', { id: 'preset_gone' })).toEqual({ deleted: true });
  });
});
