import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PROJECT_ROOT, startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { ChartPanel, DockWorkspace } from './pages';

/**
 * The README's pictures of the docking workspace: the Trade, Build and Monitor presets at
 * 1440×900, written to docs/screenshots/. Run on demand, not in CI (pictures are not assertions):
 *   node scripts/build.mjs --quiet && TRADEWIND_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts
 */
test.skip(
  process.env.TRADEWIND_SCREENSHOTS !== '1',
  'takes the README screenshots only when TRADEWIND_SCREENSHOTS=1 (run on demand, not in CI)',
);

let host: HeadlessHost;

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

test('screenshots of the Trade, Build and Monitor presets at 1440×900', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  await expect(new ChartPanel(page).chart).toHaveAttribute('data-state', 'ready');
  for (const preset of ['Trade', 'Build', 'Monitor'] as const) {
    await dock.applyLayout(preset);
    await dock.settled();
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'docs', 'screenshots', `workspace-${preset.toLowerCase()}.png`) });
  }
});
