/**
 * A core file of the headless host would hold whatever core had in memory: API secrets while an
 * exchange client is built, the encrypted store's key. Node has no setrlimit and no prctl, so the
 * host sets its own RLIMIT_CORE to 0 (soft and hard, so nothing in-process can raise it again)
 * with util-linux's `prlimit --pid`, which is part of every Debian/Ubuntu/Fedora base system.
 * Elsewhere the host says what to do instead.
 */
import { execFileSync } from 'node:child_process';

export type CoreDumpVerdict = { ok: true } | { ok: false; reason: string };

export function disableCoreDumps(pid: number = process.pid, platform: NodeJS.Platform = process.platform): CoreDumpVerdict {
  if (platform === 'win32') {
    return { ok: true };
  }
  if (platform !== 'linux') {
    return {
      ok: false,
      reason:
        'core dumps could not be switched off from inside Node on this system: start it from a shell with `ulimit -c 0` (or LimitCORE=0 in a service unit)',
    };
  }
  try {
    execFileSync('prlimit', ['--pid', String(pid), '--core=0:0'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
    return { ok: true };
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    return {
      ok: false,
      reason: `core dumps are still allowed (prlimit failed: ${detail}); start the host with \`ulimit -c 0\` or LimitCORE=0 in its service unit`,
    };
  }
}
