// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../../shared/ipc/schemas/settings';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { OptimiserFleetSettings } from './OptimiserFleetSettings';
import { settingsFixture } from './test-fixtures';
import { applySettingsPatchForTest } from './test-patch';

let bridge: MemoryBridge;
let view: Rendered | null = null;

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  let current = settingsFixture();
  useStore.getState().setSettings(current);
  bridge = new MemoryBridge({
    'settings.update': (patch) => {
      current = applySettingsPatchForTest(current, patch as SettingsPatch);
      return current;
    },
  });
  view = render(<OptimiserFleetSettings />, createRpcClient(bridge));
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

describe('Optimiser worker fleet settings', () => {
  const form = () => document.querySelector<HTMLFormElement>('form[aria-label="Optimiser worker fleet"]')!;
  const urlInput = () => byRole<HTMLInputElement>(form(), 'textbox', 'Redis URL of the fleet');

  it('refuses a URL with a password before saving, saying where the password goes instead', async () => {
    typeInto(urlInput(), 'redis://:hunter2@10.0.0.5:6379');
    click(byRole(form(), 'button', 'Save Redis URL'));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([]);
    expect(urlInput().getAttribute('aria-invalid')).toBe('true');
    expect(form().textContent).toContain('start Tradewind with TRADEWIND_REDIS_URL=redis://:PASSWORD@HOST:6379');
  });

  it('saves a URL, shows the worker command for it, and an empty field goes back to this machine', async () => {
    typeInto(urlInput(), ' redis://10.0.0.5:6379 ');
    click(byRole(form(), 'button', 'Save Redis URL'));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([{ optimiser: { redisUrl: 'redis://10.0.0.5:6379' } }]);
    expect(useStore.getState().settings?.optimiser.redisUrl).toBe('redis://10.0.0.5:6379');
    expect(form().textContent).toContain('tradewind worker --redis redis://10.0.0.5:6379');
    typeInto(urlInput(), '');
    click(byRole(form(), 'button', 'Save Redis URL'));
    await flush();
    expect(bridge.callsOf('settings.update').at(-1)).toEqual({ optimiser: { redisUrl: null } });
  });

  it('saves the fallback choice at once', async () => {
    click(byRole<HTMLInputElement>(form(), 'checkbox', /Run on this machine when the fleet is unavailable/));
    await flush();
    expect(bridge.callsOf('settings.update')).toEqual([{ optimiser: { fallbackLocal: true } }]);
    expect(useStore.getState().settings?.optimiser.fallbackLocal).toBe(true);
  });
});
