/**
 * The release workflow cannot run here (it needs GitHub's Windows, macOS and Linux runners), so
 * its shape is checked: jobs, OS matrix, the steps each job must run, and secrets only through
 * `secrets.*` in env blocks, never pasted into scripts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const FILE = path.join(ROOT, '.github', 'workflows', 'release.yml');
const text = readFileSync(FILE, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { include: Array<{ os: string; targets: string }> } };
  env?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(text) as {
  on: { push: { tags: string[] }; pull_request: unknown };
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = workflow.jobs;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');
const uses = (job: Job) => job.steps.map((step) => step.uses ?? '');

describe('.github/workflows/release.yml', () => {
  it('verifies every change and releases on version tags', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.on).toHaveProperty('pull_request');
    expect(Object.keys(jobs)).toEqual(['verify', 'package', 'release']);
    expect(jobs.package?.needs).toBe('verify');
    expect(jobs.release?.needs).toBe('package');
  });

  it('installs with npm ci on Node 24 in every job, never npm install', () => {
    expect(workflow.env.NODE_VERSION).toBe('24');
    for (const [name, job] of Object.entries(jobs)) {
      const setup = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
      expect(setup?.with?.['node-version'], name).toBe('${{ env.NODE_VERSION }}');
      expect(runs(job), name).toMatch(/^npm ci\b/m);
      expect(runs(job), name).not.toMatch(/npm (install|i)\b/);
    }
  });

  it('lints (with Electronegativity), typechecks and tests on Linux, with the Electron e2e under xvfb', () => {
    const verify = jobs.verify as Job;
    expect(verify['runs-on']).toMatch(/^ubuntu-/);
    const script = runs(verify);
    for (const command of ['npm run lint', 'npm run typecheck', 'npm test']) expect(script).toContain(command);
    expect(script).toMatch(/xvfb-run -a npx playwright test e2e\/electron\.spec\.ts/);
    // A skipped Electron e2e fails the job instead of passing quietly.
    expect(script).toContain("grep -q 'skipped:'");
    expect(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toMatch(/"lint": "[^"]*electronegativity/);
  });

  it('builds NSIS on Windows, dmg + zip on macOS, AppImage + deb on Linux', () => {
    const pack = jobs.package as Job;
    expect(pack['runs-on']).toBe('${{ matrix.os }}');
    const matrix = pack.strategy?.matrix.include ?? [];
    expect(matrix.map((entry) => entry.os.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows']);
    const targets = Object.fromEntries(matrix.map((entry) => [entry.os.split('-')[0], entry.targets]));
    expect(targets).toEqual({ windows: '--win nsis', macos: '--mac dmg zip', ubuntu: '--linux AppImage deb' });
    expect(runs(pack)).toContain('npx electron-builder --config electron-builder.yml ${{ matrix.targets }} --publish never');
    const upload = pack.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    // electron-updater needs the latest*.yml manifests and blockmaps next to the installers.
    expect(String(upload?.with?.path)).toContain('release/latest*.yml');
    expect(String(upload?.with?.path)).toContain('release/*.blockmap');
  });

  it('signs from secrets, notarises only with a certificate and an API key, and builds unsigned without them', () => {
    const pack = jobs.package as Job;
    expect(Object.keys(pack.env ?? {}).sort()).toEqual(
      [
        'APPLE_API_ISSUER',
        'APPLE_API_KEY_ID',
        'APPLE_API_KEY_P8',
        'MACOS_CSC_KEY_PASSWORD',
        'MACOS_CSC_LINK',
        'WIN_CSC_KEY_PASSWORD',
        'WIN_CSC_LINK',
      ].sort(),
    );
    const script = runs(pack);
    expect(script).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false');
    expect(script).toMatch(/-n "\$MACOS_CSC_LINK" \] && \[ -n "\$APPLE_API_KEY_P8" \]/);
  });

  it('publishes a CycloneDX SBOM and SHA-256 checksums with the installers, on tags only', () => {
    const release = jobs.release as Job;
    expect(release.permissions).toEqual({ contents: 'write' });
    const script = runs(release);
    expect(script).toMatch(/@cyclonedx\/cyclonedx-npm@\d+ --omit dev --output-format JSON/);
    expect(script).toMatch(/sha256sum -- \* > SHA256SUMS\.txt/);
    const attach = release.steps.find((step) => step.run?.startsWith('gh release create'));
    expect(attach?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(attach?.env).toEqual({ GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}' });
  });

  it('grants write access only to the release job and pins every action to a major version', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(jobs)) {
      if (name !== 'release') expect(job.permissions, name).toBeUndefined();
      for (const action of uses(job).filter(Boolean)) expect(action, name).toMatch(/^actions\/[a-z-]+@v\d+$/);
    }
  });

  it('references secrets only as ${{ secrets.NAME }} in env blocks, never inside a script', () => {
    const credential = /LINK|PASSWORD|TOKEN|KEY|ISSUER|SECRET/;
    const envBlocks = [workflow.env, ...Object.values(jobs).flatMap((job) => [job.env, ...job.steps.map((step) => step.env)])];
    for (const block of envBlocks) {
      for (const [name, value] of Object.entries(block ?? {})) {
        if (credential.test(name)) expect(value, name).toMatch(/^\$\{\{ secrets\.[A-Z0-9_]+ \}\}$/);
        else expect(value, name).not.toContain('secrets.');
      }
    }
    for (const job of Object.values(jobs)) {
      for (const step of job.steps) expect(step.run ?? '', step.name).not.toMatch(/\$\{\{\s*secrets\./);
    }
    // Every use of the secrets context is one of those env values.
    const expressions = [...text.matchAll(/\$\{\{([^}]*)\}\}/g)].map((match) => (match[1] ?? '').trim());
    for (const expression of expressions.filter((e) => e.includes('secrets'))) expect(expression).toMatch(/^secrets\.[A-Z0-9_]+$/);
  });
});
