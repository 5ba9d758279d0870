import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../shared/ipc/schemas/settings';
import { applySettingsPatch, DEFAULT_SETTINGS, describeSettingsChange, migrateSettings } from './settings-document';

describe('settings document versions', () => {
  it('migrates a version 1 document to the current one', () => {
    const v1 = { version: 1, decimalMark: ',', theme: 'light', feeRate: 0.00075, slippageBps: 8 };
    const { settings, problems } = migrateSettings(v1);
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      version: 2,
      numberFormat: 'comma',
      timeZone: 'utc',
      theme: 'light',
      trading: { paperFeePct: 0.075, paperSlippageBps: 8, backtestFeePct: 0.075, backtestSlippageBps: 8 },
      firstRunDismissed: true,
      optimiser: { redisUrl: null, fallbackLocal: false },
    });
    expect(SettingsSchema.parse(settings)).toEqual(settings);
  });

  it('keeps every valid field of a damaged current document and names the ones it replaced', () => {
    const stored = { ...DEFAULT_SETTINGS, theme: 'neon', numberFormat: 'comma', trading: { paperFeePct: -1 } };
    const { settings, problems } = migrateSettings(stored);
    expect(settings.numberFormat).toBe('comma');
    expect(settings.theme).toBe('dark');
    expect(settings.trading).toEqual(DEFAULT_SETTINGS.trading);
    expect(problems.join('; ')).toMatch(/theme: .*"dark" or "light"/);
    expect(problems.join('; ')).toMatch(/trading: /);
  });

  it('falls back to the defaults for an unknown version or no document', () => {
    expect(migrateSettings({ version: 99 })).toEqual({ settings: DEFAULT_SETTINGS, problems: ['unknown settings version 99'] });
    expect(migrateSettings(null).settings).toEqual(DEFAULT_SETTINGS);
  });
});

describe('settings patches', () => {
  it('merges trading defaults field by field and says what changed', () => {
    const after = applySettingsPatch(DEFAULT_SETTINGS, { theme: 'light', trading: { paperFeePct: 0.2 } });
    expect(after.trading).toEqual({ ...DEFAULT_SETTINGS.trading, paperFeePct: 0.2 });
    expect(describeSettingsChange(DEFAULT_SETTINGS, after)).toEqual(['theme dark → light', 'paper fee 0.1 % → 0.2 %']);
    expect(describeSettingsChange(after, after)).toEqual([]);
  });
});

describe('optimiser fleet settings', () => {
  it('reads a version 2 document saved before the field as "sweeps on this machine", without a problem', () => {
    const { optimiser: _omitted, ...older } = DEFAULT_SETTINGS;
    const { settings, problems } = migrateSettings({ ...older, theme: 'light' });
    expect(problems).toEqual([]);
    expect(settings.theme).toBe('light');
    expect(settings.optimiser).toEqual({ redisUrl: null, fallbackLocal: false });
  });

  it('takes a Redis URL without credentials, and refuses a password with where to put it instead', () => {
    const after = applySettingsPatch(DEFAULT_SETTINGS, { optimiser: { redisUrl: 'redis://10.0.0.5:6379/0' } });
    expect(after.optimiser).toEqual({ redisUrl: 'redis://10.0.0.5:6379/0', fallbackLocal: false });
    expect(describeSettingsChange(DEFAULT_SETTINGS, after)).toEqual(['optimiser Redis URL none → redis://10.0.0.5:6379/0']);
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { optimiser: { redisUrl: 'redis://:hunter2@10.0.0.5:6379' } })).toThrow(
      /not kept in settings .*TRADEWIND_REDIS_URL/,
    );
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { optimiser: { redisUrl: 'http://10.0.0.5' } })).toThrow(
      /must start with redis:\/\//,
    );
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { optimiser: { redisUrl: 'redis://host:6379/x' } })).toThrow(/database number/);
  });
});
