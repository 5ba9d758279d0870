/**
 * Templates readable after "Fit view" and the minimap never over a block (issue #20 item 3), in
 * Chromium against the headless host: each template is created, fitted with the canvas's own
 * Fit View control at a small and a large window, and measured — no block's box meets the
 * minimap's, every block lies inside the canvas, and no block's title or port name is cut off.
 */
import { expect, test, type Page } from '@playwright/test';
import { STRATEGY_TEMPLATES } from '../shared/strategy/templates/index';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell, StrategyLab } from './pages';

let host: HeadlessHost;

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Measured {
  canvas: Box;
  minimap: Box;
  nodes: { id: string; box: Box }[];
  clipped: string[];
}

/** Boxes of the canvas, the minimap and every block; texts whose content is wider than their box. */
function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const canvas = document.querySelector('[data-testid="strategy-canvas"]')!;
    const minimap = canvas.querySelector('.react-flow__minimap')!;
    const nodes = [...canvas.querySelectorAll<HTMLElement>('.react-flow__node')].map((n) => ({ id: n.dataset.id ?? '?', box: box(n) }));
    const clipped = [...canvas.querySelectorAll<HTMLElement>('.block-node-title, .block-port-name')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.closest<HTMLElement>('.react-flow__node')?.dataset.id}: ${el.textContent}`);
    return { canvas: box(canvas), minimap: box(minimap), nodes, clipped };
  });
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a: Box, outer: Box) =>
  a.left >= outer.left - 1 && a.top >= outer.top - 1 && a.right <= outer.right + 1 && a.bottom <= outer.bottom + 1;

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`every template fits clear of the minimap at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(host.url);
    await new AppShell(page).tab('Strategies').click();
    const lab = new StrategyLab(page);
    for (const template of STRATEGY_TEMPLATES) {
      await lab.newStrategy.click();
      await lab.newDialog.template(new RegExp(template.title)).click();
      await lab.newDialog.create.click();
      await expect(lab.newDialog.dialog).toBeHidden();
      await expect(lab.nodes).toHaveCount(template.graph().nodes.length);
      await page.getByRole('button', { name: 'Fit View' }).click();
      const m = await measure(page);
      for (const n of m.nodes) {
        expect(overlaps(n.box, m.minimap), `${template.name}: block ${n.id} under the minimap`).toBe(false);
        expect(inside(n.box, m.canvas), `${template.name}: block ${n.id} outside the canvas`).toBe(true);
      }
      expect(m.clipped, `${template.name}: cut-off texts`).toEqual([]);
    }
  });
}
