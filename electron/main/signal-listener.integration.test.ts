/**
 * The desktop app's opt-in signal port against a real core: closed by default, opened on
 * 127.0.0.1 when signals are enabled with a port, serving only `/signals/…` (core's answers),
 * and closed again when signals are switched off.
 */
import { createServer } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createCore } from '../core/index';
import { testSecretStore } from '../core/test-support/live-core';
import { makeTempDir } from '../core/test-support/temp-dir';
import type { Core } from '../core/types';
import { installSignalListener, type SignalListener } from './signal-listener';

let core: Core | undefined;
let listener: SignalListener | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await listener?.dispose();
  await core?.close();
  temp?.cleanup();
});

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

it('opens the loopback port only while signals are on, and serves signal paths only', async () => {
  temp = makeTempDir();
  core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, openSecretStore: testSecretStore(temp.dir), log: () => {} });
  listener = installSignalListener(core, () => {});
  await listener.settled();
  expect(listener.port).toBeNull();

  const port = await freePort();
  const set = await core.invoke('signals.setSettings', { enabled: true, port }, { sessionId: 't' });
  expect(set.ok).toBe(true);
  await listener.settled();
  expect(listener.port).toBe(port);

  const unknown = await fetch(`http://127.0.0.1:${port}/signals/sig_0000000000000000`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toMatchObject({ ok: false, message: expect.stringContaining('no signal source') });
  const other = await fetch(`http://127.0.0.1:${port}/`);
  expect(other.status).toBe(404);
  await other.text();

  await core.invoke('signals.setSettings', { enabled: false }, { sessionId: 't' });
  await listener.settled();
  expect(listener.port).toBeNull();
  await expect(fetch(`http://127.0.0.1:${port}/signals/x`, { method: 'POST' })).rejects.toThrow();
});
