import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './check-node.mjs';

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  scripts: Record<string, string>;
};

describe('scripts/check-node.mjs', () => {
  it('refuses an older Node with the version needed, the one found and what to do', () => {
    const problem = nodeVersionProblem('v20.20.2', '>=24.11.0', '/usr/bin/node');
    expect(problem).toContain(
      'Tradewind needs Node.js 24 LTS, 24.11.0 or newer (package.json engines: >=24.11.0); this is Node v20.20.2 (/usr/bin/node).',
    );
    expect(problem).toContain('`nvm install` in this folder reads .nvmrc');
    expect(problem).toContain('run `npm ci` again');
    expect(nodeVersionProblem('v24.10.9', '>=24.11.0')).not.toBeNull();
  });

  it('accepts the minimum and anything newer', () => {
    expect(nodeVersionProblem('v24.11.0', '>=24.11.0')).toBeNull();
    expect(nodeVersionProblem('v24.22.3', '>=24.11.0')).toBeNull();
    expect(nodeVersionProblem('v26.0.0', '>=24.11.0')).toBeNull();
  });

  it('says so when engines is a range it cannot read', () => {
    expect(nodeVersionProblem('v24.11.0', '^24')).toContain('understands only ">=X.Y.Z"');
  });

  it('passes on this Node, which satisfies engines, and runs before the build in npm start, serve and test', () => {
    expect(nodeVersionProblem(process.version, pkg.engines.node)).toBeNull();
    expect(execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'check-node.mjs')], { encoding: 'utf8' })).toBe('');
    for (const script of ['start', 'serve', 'test']) expect(pkg.scripts[script], script).toMatch(/^node scripts\/check-node\.mjs && /);
  });

  it('.nvmrc names the major version engines asks for', () => {
    expect(readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim()).toBe(/^>=\s*(\d+)/.exec(pkg.engines.node)?.[1]);
  });
});
