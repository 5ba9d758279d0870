// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { click, flush, render, type Rendered } from '../../test-utils/render';
import { DiagnosticsSection } from './DiagnosticsSection';

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

function show(bridge: MemoryBridge): HTMLElement {
  view = render(<DiagnosticsSection />, createRpcClient(bridge));
  const section = document.querySelector<HTMLElement>('section[aria-label="Logs and diagnostics"]');
  if (!section) throw new Error('no "Logs and diagnostics" section');
  return section;
}

describe('Logs and diagnostics (Data dialog)', () => {
  it('exports diagnostics and says where the file is', async () => {
    const bridge = new MemoryBridge({
      'diagnostics.export': () => ({ file: '/data/diagnostics/tradewind-diagnostics-x.json', sizeBytes: 4096 }),
    });
    const section = show(bridge);
    click(byRole(section, 'button', 'Export diagnostics'));
    await flush();
    expect(bridge.callsOf('diagnostics.export')).toHaveLength(1);
    expect(byRole(section, 'status').textContent).toBe(
      'Diagnostics saved to /data/diagnostics/tradewind-diagnostics-x.json (4 KB). Secrets are redacted; read it before you share it.',
    );
  });

  it('opens the logs folder on the desktop, and names it when the host cannot open it', async () => {
    let opened = true;
    const bridge = new MemoryBridge({ 'logs.open': () => ({ dir: '/data/logs', opened }) });
    const section = show(bridge);
    click(byRole(section, 'button', 'Open logs folder'));
    await flush();
    expect(byRole(section, 'status').textContent).toBe('Opened /data/logs.');
    opened = false;
    click(byRole(section, 'button', 'Open logs folder'));
    await flush();
    expect(byRole(section, 'status').textContent).toBe('The logs are in /data/logs on the machine running Tradewind.');
  });

  it("shows the host's reason when the folder cannot be opened", async () => {
    const bridge = new MemoryBridge({
      'logs.open': () => {
        throw new TradewindError('unavailable', 'Could not open /data/logs: no file manager. Open it in your file manager.');
      },
    });
    const section = show(bridge);
    click(byRole(section, 'button', 'Open logs folder'));
    await flush();
    expect(byRole(section, 'alert').textContent).toBe('Could not open /data/logs: no file manager. Open it in your file manager.');
  });
});
