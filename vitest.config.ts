import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Every test file, wherever it sits. */
const ALL_TESTS = [
  'electron/**/*.test.ts',
  'shared/**/*.test.ts',
  'renderer/**/*.test.{ts,tsx}',
  'scripts/**/*.test.ts',
  'e2e/fake-exchange/**/*.test.ts',
  'bench/**/*.test.ts',
];
/**
 * Slow tests are picked by file name: real child processes, whole hosts and fake exchanges on
 * sockets, long randomised runs. A test that does such things is named `*.integration.test.ts`
 * (or stress/fuzz), never plain `*.test.ts`, so the unit project stays fast.
 */
const SLOW_TESTS = [
  '{electron,shared,renderer,scripts,e2e}/**/*.{integration,stress,fuzz}.test.{ts,tsx}',
  'electron/server/reliability/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      // `vitest run --project unit`: pure logic, renderer components, shared, scripts (under 2 minutes).
      // A worker per core (Vitest's default leaves one idle): these files mostly wait on imports
      // and jsdom set-up, and on two cores one worker takes nearly twice as long.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ALL_TESTS,
          exclude: ['**/node_modules/**', ...SLOW_TESTS],
          maxWorkers: Math.max(2, availableParallelism()),
          sequence: { groupOrder: 0 },
        },
      },
      // `vitest run --project integration`: the slow rest, with Vitest's default worker count (after
      // the unit project when one run takes both: projects with their own worker count run in turn).
      { extends: true, test: { name: 'integration', include: SLOW_TESTS, sequence: { groupOrder: 1 } } },
    ],
  },
});
