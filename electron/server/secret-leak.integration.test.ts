/**
 * The leak test: a full account flow with recognisable secrets through the real WebSocket
 * transport and the real core (fake Binance on loopback, the real secret store), then a search
 * of everything that could hold a copy: every frame the server sent, core's log, and every file
 * of the data folder (SQLite + WAL included). Secrets may rest only in the secret store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveSecrets } from '../core/logs/live-secrets';
import { logFileFor, logsDirOf } from '../core/logs/rotating-log';
import { startLiveCore, type LiveCoreHarness } from '../core/test-support/live-core';
import { startTestHost, WsProbe, type TestHost } from './test-support';

const CANARY = {
  apiKey: 'LEAKCANARY-APIKEY-7f3a9c1e5b-ZZ01',
  secret: 'LEAKCANARY-SECRET-a8d4e2f6c0b9e1d3',
  rotatedKey: 'LEAKCANARY-APIKEY-ROTATED-42e8-ZZ02',
  rotatedSecret: 'LEAKCANARY-SECRET-ROTATED-91bb7c',
  wrongSecret: 'LEAKCANARY-WRONGSECRET-55d0e1',
};
// The last 4 characters of an API key are shown on purpose; everything before them must never appear.
const NEEDLES = [CANARY.secret, CANARY.rotatedSecret, CANARY.wrongSecret, CANARY.apiKey.slice(0, -4), CANARY.rotatedKey.slice(0, -4)];

let h: LiveCoreHarness;
let host: TestHost;
let probe: WsProbe;
const frames: string[] = [];

/** Resolves at the first server frame from now on that `match` accepts. */
function nextFrame(match: (frame: { topic?: string; payload?: unknown }) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      if (!match(JSON.parse(String(data)) as { topic?: string; payload?: unknown })) return;
      probe.ws.off('message', onMessage);
      resolve();
    };
    probe.ws.on('message', onMessage);
  });
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

beforeAll(async () => {
  h = await startLiveCore(
    [
      { apiKey: CANARY.apiKey, secret: CANARY.secret, rights: { read: true, trade: true } },
      { apiKey: CANARY.rotatedKey, secret: CANARY.rotatedSecret, rights: { read: true, trade: true }, account: CANARY.apiKey },
    ],
    { balanceRefreshMs: 100, keyRetireCheckMs: 200 },
  );
  h.fake.setBalance(CANARY.apiKey, 'USDT', '1234');
  host = await startTestHost(h.core, path.join(h.dataDir, 'no-renderer'));
  probe = await WsProbe.open(host.wsUrl(), { ...host.auth(), Origin: host.origin });
  probe.ws.on('message', (data) => frames.push(data.toString()));
  for (const topic of ['accounts.changed', 'audit.appended', 'portfolio.changed', 'marketData.status']) {
    probe.send(JSON.stringify({ t: 'sub', topic }));
  }
});

afterAll(async () => {
  probe?.close();
  await host?.close();
  await h?.close();
});

describe('secrets never leave the secret store', () => {
  it('runs add (wrong secret, then right), rotate, retire, revoke and remove, and no copy appears anywhere', async () => {
    const failed = await probe.call(1, 'accounts.add', {
      exchangeId: 'binance',
      label: 'Canary',
      sandbox: false,
      credentials: { apiKey: CANARY.apiKey, secret: CANARY.wrongSecret },
    });
    expect(failed).toMatchObject({ ok: false, error: { code: 'auth' } });

    const added = await probe.call(2, 'accounts.add', {
      exchangeId: 'binance',
      label: 'Canary',
      sandbox: false,
      credentials: { apiKey: CANARY.apiKey, secret: CANARY.secret },
    });
    expect(added).toMatchObject({ ok: true });
    const accountId = (added.value as { id: string }).id;
    expect(await probe.call(3, 'portfolio.snapshot', { quote: 'USDT' })).toMatchObject({ ok: true });
    // The real add taught the log redactor these values; a line that quotes them (as a careless
    // library message might) is stored with them blanked.
    expect(liveSecrets()).toEqual(expect.arrayContaining([CANARY.apiKey, CANARY.secret]));
    logFileFor(h.dataDir).write(
      `exchange said: invalid signature for key ${CANARY.apiKey} with ${CANARY.secret} (${encodeURIComponent(CANARY.secret)})`,
    );

    const rotated = await probe.call(4, 'accounts.rotateKey', {
      accountId,
      overlapHours: 0.5 / 3600,
      credentials: { apiKey: CANARY.rotatedKey, secret: CANARY.rotatedSecret },
    });
    expect(rotated).toMatchObject({ ok: true });
    await expect
      .poll(async () => ((await probe.call(5, 'accounts.keys', { accountId })).value as Array<{ status: string }>).map((k) => k.status), {
        timeout: 8_000,
      })
      .toEqual(['active', 'retired']);
    for (const method of ['accounts.details', 'accounts.list', 'audit.list']) {
      expect(await probe.call(method, method, method === 'audit.list' ? {} : undefined)).toMatchObject({ ok: true });
    }
    // The secret store holds the active key, as it must.
    expect(await (await h.secrets()).get({ accountId, version: 2 })).toEqual({ apiKey: CANARY.rotatedKey, secret: CANARY.rotatedSecret });

    expect(await probe.call(6, 'accounts.revokeKey', { accountId, version: 2 })).toMatchObject({ ok: true });
    // The removal's audit entry is among the last events of the run: once it is on the wire, so is the rest.
    const removalEvent = nextFrame((f) => f.topic === 'audit.appended' && (f.payload as { kind?: string }).kind === 'account.removed');
    expect(await probe.call(7, 'accounts.remove', { accountId })).toMatchObject({ ok: true });
    await removalEvent;

    expect(frames.length).toBeGreaterThan(10);
    const wire = frames.join('\n');
    const log = h.logs.join('\n');
    for (const needle of NEEDLES) {
      expect(wire, `a server frame carried ${needle.slice(0, 24)}…`).not.toContain(needle);
      expect(log, `core's log carried ${needle.slice(0, 24)}…`).not.toContain(needle);
    }
    // The short hint that is shown on purpose did cross (so the search above looked in the right place).
    expect(wire).toContain(CANARY.apiKey.slice(-4));

    // The rotating log files exist, hold core's lines, and none of the canaries.
    const logFiles = fs.readdirSync(logsDirOf(h.dataDir)).map((name) => path.join(logsDirOf(h.dataDir), name));
    const logText = logFiles.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    expect(logText).toContain('exchange said: invalid signature for key [redacted] with [redacted] ([redacted])');
    expect(logText.split('\n').length).toBeGreaterThan(2);
    for (const needle of NEEDLES) expect(logText, `a log file carried ${needle.slice(0, 24)}…`).not.toContain(needle);

    await h.core.close(); // flush SQLite's WAL into the main file too
    const files = filesUnder(h.dataDir); // the encrypted store (when used) must hold only ciphertext
    expect(files.some((f) => f.endsWith('tradewind.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const needle of NEEDLES) {
        expect(bytes.includes(Buffer.from(needle)), `${path.basename(file)} holds ${needle.slice(0, 24)}…`).toBe(false);
        expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${path.basename(file)} holds ${needle.slice(0, 24)}… (UTF-16)`).toBe(false);
      }
    }
  });
});
