/**
 * Test helpers that run keychain-child.ts in a D-Bus session of the test's choosing, always with
 * throwaway HOME/XDG folders so no real keyring is ever read or written.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHILD = path.join(import.meta.dirname, 'keychain-child.ts');
const ROOT = path.resolve(import.meta.dirname, '../../../..');
export const KEYRING_PASSWORD = 'tradewind-test-keyring';

export interface ChildResult {
  op: string;
  ok: boolean;
  value?: unknown;
  code?: string;
  message?: string;
}

export const hasCommand = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** Environment for a private keyring under `dir`: the D-Bus-activated daemon inherits it. */
export function isolatedEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // No display: an unlock prompt must fail at once instead of opening a window and waiting.
  for (const name of ['DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'TRADEWIND_ISOLATED_KEYRING']) {
    delete env[name];
  }
  for (const sub of ['home', 'data', 'cache', 'config', 'runtime']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
  }
  return {
    ...env,
    HOME: path.join(dir, 'home'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_RUNTIME_DIR: path.join(dir, 'runtime'),
    ...extra,
  };
}

/** `prefix` is the command that wraps the child, e.g. ['dbus-run-session', '--']. */
export function runChild(ops: string[], env: NodeJS.ProcessEnv, prefix: string[] = []): Promise<ChildResult[]> {
  const argv = [...prefix, process.execPath, '--import', 'tsx', CHILD, ...ops];
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const results = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as ChildResult);
      if (results.length !== ops.length) {
        reject(new Error(`child ended (status ${status}, signal ${signal}) after ${results.length}/${ops.length} ops\n${out}\n${err}`));
      } else {
        resolve(results);
      }
    });
  });
}

const BUS_CALL = 'dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus';

/**
 * Wraps a child in a session whose gnome-keyring was unlocked (created, on first use) first.
 * As in scripts/with-keyring.sh: wait until the daemon owns the Secret Service name (it returns
 * earlier), and stop it by pid afterwards (it can outlive a short session).
 */
export const unlockedSession = [
  'dbus-run-session',
  '--',
  'sh',
  '-c',
  [
    `printf %s '${KEYRING_PASSWORD}' | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90`,
    'i=0',
    `until ${BUS_CALL} org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q "boolean true"; do`,
    '  i=$((i+1)); [ "$i" -gt 100 ] && exit 91; sleep 0.05',
    'done',
    `pid=$(${BUS_CALL} org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}')`,
    '"$@"; status=$?',
    'kill "$pid" 2>/dev/null',
    'exit "$status"',
  ].join('\n'),
  'unlocked-session',
];

/** A session bus with no service files at all: D-Bus works, but nothing provides a Secret Service. */
export function busWithoutSecretService(dir: string): string[] {
  const config = path.join(dir, 'bare-session.conf');
  fs.writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${dir}</listen>
  <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
`,
  );
  return ['dbus-run-session', `--config-file=${config}`, '--'];
}
