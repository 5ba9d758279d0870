#!/usr/bin/env node
/**
 * Electronegativity (Doyensec's Electron security scanner) over the sources that run in Electron:
 * electron/main, electron/preload and renderer (tests and test fixtures left out: they are not
 * shipped). Part of `npm run lint`. Prints every finding; fails on any HIGH finding of FIRM or
 * CERTAIN confidence, and on a source file the scanner could not parse (it could not verify it).
 *
 *   node scripts/electronegativity.mjs [--root DIR] [DIR ...]   (default: the three folders above)
 *
 * Offline and deterministic: the check that downloads Electron's release list is excluded (Electron
 * is kept current by dependency updates), and the scanner's translation download is answered
 * "offline" at once (its English texts are bundled; it still prints "Could not retrieve updated
 * translations"), so lint never touches the network.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SOURCES = ['electron/main', 'electron/preload', 'renderer'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const BLOCKING_CONFIDENCE = new Set(['FIRM', 'CERTAIN']);

/** @param {{ severity: { name: string }, confidence: { name: string } }} issue */
export function isBlocking(issue) {
  return issue.severity.name === 'HIGH' && BLOCKING_CONFIDENCE.has(issue.confidence.name);
}

/** Not shipped, so not scanned: tests, their fixtures, build output. */
function shipped(source) {
  const name = path.basename(source);
  return !/\.(test|spec)\.[cm]?[jt]sx?$/.test(name) && !['test-fixtures', 'node_modules', 'dist'].includes(name);
}

function loadScanner(root) {
  const require = createRequire(path.join(root, 'package.json'));
  const scannerDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const scannerRequire = createRequire(path.join(scannerDir, 'dist', 'locales', 'i18n.js'));
  const gotPath = scannerRequire.resolve('got');
  const offline = () => Promise.reject(new Error('offline: lint does not use the network'));
  offline.head = offline;
  offline.default = offline;
  scannerRequire.cache[gotPath] = /** @type {any} */ ({ id: gotPath, filename: gotPath, loaded: true, exports: offline });
  return scannerRequire(path.join(scannerDir, 'dist', 'runner.js'));
}

/**
 * @param {{ root: string, sources: string[], print?: (line: string) => void }} options
 * @returns {Promise<{ blocking: number, findings: number, unparsed: number }>}
 */
export async function scan({ root, sources, print = (line) => console.log(line) }) {
  const run = loadScanner(root);
  const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  // One input holding every source, so the global checks (navigation limits, permission handler,
  // CSP) see main, preload and renderer together, as they run.
  const staging = mkdtempSync(path.join(tmpdir(), 'tw-electronegativity-'));
  try {
    for (const source of sources) {
      cpSync(path.resolve(root, source), path.join(staging, source), { recursive: true, filter: shipped });
    }
    const result = await run({
      input: staging,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion,
    });
    const unparsed = result.errors.filter((error) => !error.tolerable);
    for (const error of result.errors) {
      print(`${error.tolerable ? 'warning' : 'error'}: cannot fully parse ${path.relative(staging, error.file)}: ${error.message}`);
    }
    const issues = [...result.issues].sort((a, b) => b.severity.value - a.severity.value || b.confidence.value - a.confidence.value);
    for (const issue of issues) {
      const where = issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}:${issue.location.column}`;
      const mark = isBlocking(issue) ? '✖' : '·';
      print(
        `${mark} ${issue.severity.name} ${issue.confidence.name} ${issue.id} ${where}${issue.manualReview ? ' (review)' : ''}: ${issue.description}`,
      );
    }
    const blocking = issues.filter(isBlocking).length;
    print(
      `electronegativity (Electron ${electronVersion}; ${sources.join(', ')}): ${issues.length} finding(s), ${blocking} HIGH of FIRM/CERTAIN confidence` +
        (unparsed.length ? `, ${unparsed.length} file(s) not parsed` : ''),
    );
    return { blocking, findings: issues.length, unparsed: unparsed.length };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? path.resolve(args.splice(rootAt, 2)[1] ?? '.') : path.resolve(HERE, '..');
  const sources = args.length > 0 ? args : DEFAULT_SOURCES;
  scan({ root, sources }).then(
    ({ blocking, unparsed }) => {
      if (blocking > 0) console.error('electronegativity: fix the HIGH findings above (✖): the renderer must stay isolated.');
      if (unparsed > 0)
        console.error('electronegativity: files it cannot parse are files it cannot check; make them parse (or report the parser gap).');
      process.exit(blocking > 0 || unparsed > 0 ? 1 : 0);
    },
    (err) => {
      console.error(`electronegativity: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(2);
    },
  );
}
