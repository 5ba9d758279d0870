// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignalLogEntry, SignalSettings, SignalSourceView } from '../../../shared/ipc/schemas/signals';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { SignalsDialog } from './SignalsDialog';

const SECRET = 'tws_secret-shown-once-0123456789abcdef';
let bridge: MemoryBridge;
let view: Rendered | null = null;
let sources: SignalSourceView[];
let settings: SignalSettings;

const source = (id: string, name: string): SignalSourceView => ({
  id,
  name,
  accountId: PAPER_ACCOUNT.id,
  accountLabel: PAPER_ACCOUNT.label,
  symbols: ['BTC/USDT'],
  enabled: true,
  path: `/signals/${id}`,
  createdAt: 1_800_000_000_000,
  secretSetAt: 1_800_000_000_000,
  lastSignalAt: null,
});

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT]);
  sources = [];
  settings = { enabled: false, port: null };
  bridge = new MemoryBridge({
    'signals.settings': () => settings,
    'signals.setSettings': (patch) => (settings = { ...settings, ...patch }),
    'signals.log': () => [],
    'signals.sources.list': () => sources,
    'signals.sources.create': ({ name }) => {
      const created = source('sig_00000000000000aa', name);
      sources = [created];
      return { source: created, secret: SECRET };
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
});

describe('Signals dialog', () => {
  it('says what to do when empty, turns the listener on, and shows a new source secret once with its TradingView message', async () => {
    view = render(<SignalsDialog onClose={() => {}} />, createRpcClient(bridge));
    await flush();
    expect(document.body.textContent).toContain('No signal sources yet. Create one below');
    expect(document.body.textContent).toContain('No signals received yet.');

    click(byRole(document, 'checkbox', /^Accept signals/));
    await flush();
    expect(settings.enabled).toBe(true);

    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Source name'), 'TV BTC');
    click(byRole(document, 'button', 'Create source'));
    await flush();
    const secret = byRole<HTMLInputElement>(document, 'textbox', 'Secret');
    expect(secret.value).toBe(SECRET);
    // jsdom's origin is http://localhost:3000 here: the headless host serves signals on its own origin.
    expect(byRole<HTMLInputElement>(document, 'textbox', 'Signal URL').value).toBe(
      `${window.location.origin}/signals/sig_00000000000000aa`,
    );
    const template = document.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(document.querySelector(`label[for="${template.id}"]`)?.textContent).toBe('TradingView alert message');
    expect(template.value).toContain('"action": "{{strategy.order.action}}"');
    expect(byRole(document, 'button', 'Copy secret')).toBeTruthy();
    expect(document.querySelector('table[aria-label="Signal sources"]')!.textContent).toContain('TV BTC');

    click(byRole(document, 'button', 'Done, I copied it'));
    await flush();
    expect(maybeByRole(document, 'textbox', 'Secret')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('adds each received signal to the log as it arrives', async () => {
    view = render(<SignalsDialog onClose={() => {}} />, createRpcClient(bridge));
    await flush();
    const entry: SignalLogEntry = {
      seq: 1,
      at: 1_800_000_000_000,
      sourceId: 'sig_00000000000000aa',
      signalId: 'tv-1',
      outcome: 'refused',
      status: 401,
      message: 'Wrong secret for this signal source: copy it again, or rotate it and update the sender.',
      action: null,
      symbol: null,
      botId: null,
    };
    await flush();
    act(() => bridge.emit('signals.received', entry));
    await flush();
    expect(document.querySelector('table[aria-label="Signal log"]')!.textContent).toContain('Wrong secret');
    expect(document.querySelector('table[aria-label="Signal log"]')!.textContent).toContain('Refused');
  });
});
