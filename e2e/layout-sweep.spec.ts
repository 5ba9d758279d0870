import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startHeadlessHost, type HeadlessHost } from './fixtures/headless-host';
import { AppShell, ChartPanel, DockWorkspace, MarketsPanel, OrdersPanel, StrategyLab, TicketPanel } from './pages';

/**
 * From 1280×720 to 2560×1440 nothing in the frame wraps, clips or overlaps, measured on element
 * boxes (not pictures): the top bar and its tabs and badges, the layout toolbar, every panel
 * group's tab strip and actions, every panel header, the brackets table's actions and the chart's
 * legend over the plot (with a smart trade and a fill placed first, so both are there). The fill
 * markers and their labels are drawn on the chart's canvas, not in the DOM: element boxes cannot
 * measure them, so the sweep checks they were drawn (`data-fill-markers`). And axe-core finds no serious or critical
 * violation on any preset or workspace.
 */
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;
const PRESETS = ['Trade', 'Build', 'Monitor'] as const;

let host: HeadlessHost;

test.beforeEach(async () => {
  host = await startHeadlessHost();
});

test.afterEach(async () => {
  await host.stop();
});

/** What is wrong with the frame as laid out now, one line per problem naming the element. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (element: Element): element is HTMLElement => {
      if (!(element instanceof HTMLElement)) return false;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const name = (element: Element) => {
      const label = element.getAttribute('aria-label') ?? element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ?? '';
      return `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${label}"`;
    };
    // Rows that must keep to one line and show all they hold.
    const rows = [
      '.topbar',
      '.workspace-tabs',
      '.topbar-status',
      '.dock-toolbar',
      '.dv-tabs-and-actions-container',
      '.dock-group-actions',
      '.panel-header',
      '.workspace-header',
      // The brackets table's Edit / Close at market, and the chart's labels over the plot.
      '.orders-actions',
      '.chart-legends',
      '.chart-legend',
      '.chart-older-notes',
    ];
    for (const row of document.querySelectorAll(rows.join(','))) {
      if (!visible(row)) continue;
      if (row.scrollWidth > row.clientWidth + 1)
        problems.push(`clipped: ${name(row)} needs ${row.scrollWidth}px, has ${row.clientWidth}px`);
      const children = [...row.children].filter(visible);
      for (let i = 0; i < children.length; i += 1) {
        for (let j = i + 1; j < children.length; j += 1) {
          const a = children[i]!.getBoundingClientRect();
          const b = children[j]!.getBoundingClientRect();
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (overlapX > 1 && overlapY > 1) problems.push(`overlap: ${name(children[i]!)} and ${name(children[j]!)} in ${name(row)}`);
        }
      }
    }
    // Labels that must not wrap onto a second line or be cut: tabs, badges, buttons of those rows.
    const labels = [
      '.workspace-tab',
      '.topbar .badge',
      '.topbar .button',
      '.dv-tab',
      '.dock-toolbar .button',
      '.dock-toolbar-label',
      '.orders-action',
      '.panel-tab',
      '.chart-legend',
    ];
    for (const label of document.querySelectorAll(labels.join(','))) {
      if (!visible(label)) continue;
      // Line boxes of the label's own text (icons and dots sit at other heights by design).
      const rects: DOMRect[] = [];
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        rects.push(...[...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0));
      }
      if (rects.length > 1) {
        const tops = rects.map((rect) => rect.top);
        const lineHeight = Math.min(...rects.map((rect) => rect.height));
        if (Math.max(...tops) - Math.min(...tops) > lineHeight / 2) problems.push(`wraps: ${name(label)} runs onto more than one line`);
      }
      if (label.scrollWidth > label.clientWidth + 1)
        problems.push(`clipped: ${name(label)} needs ${label.scrollWidth}px, has ${label.clientWidth}px`);
    }
    // A row's actions must be in view in their panel, not scrolled out past its right edge.
    for (const action of document.querySelectorAll('.orders-action')) {
      if (!visible(action)) continue;
      const scroller = action.closest('.orders-scroll');
      if (!scroller) continue;
      const box = action.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      if (box.left < view.left - 1 || box.right > view.right + 1)
        problems.push(
          `clipped: ${name(action)} lies outside its panel (${Math.round(box.left)}–${Math.round(box.right)}px, panel ${Math.round(view.left)}–${Math.round(view.right)}px)`,
        );
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1)
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
    return problems;
  });
}

/**
 * A fresh data folder has no smart trades and no fills: place a market buy (a fill, drawn as a
 * marker on the chart) and a smart trade whose target is far off (a bracket row with its actions)
 * on the paper account, through the ticket as a trader would.
 */
async function placeBracketAndFill(page: Page): Promise<void> {
  await new MarketsPanel(page).market('BTC/USDT').click();
  const chart = new ChartPanel(page).chart;
  await expect(chart).toHaveAttribute('data-symbol', 'BTC/USDT');
  await expect(chart).toHaveAttribute('data-state', 'ready');
  const ticket = new TicketPanel(page);
  await ticket.orderType.selectOption('market');
  await ticket.amount.fill('0.01');
  await ticket.submit('Buy BTC').click();
  await expect(ticket.placed).toContainText('filled');
  await ticket.smartTrade.click();
  await ticket.amount.fill('0.01');
  await ticket.targetPercent(1).fill('20');
  await ticket.submit('Smart buy BTC').click();
  await expect(ticket.placed).toContainText('Smart buy');
  await expect.poll(async () => Number(await chart.getAttribute('data-fill-markers'))).toBeGreaterThanOrEqual(1);
}

/** Shows the Brackets tab of the orders panel when the preset has one, so its actions are measured. */
async function showBrackets(page: Page): Promise<void> {
  const orders = new OrdersPanel(page);
  if ((await orders.bracketsTab.count()) === 0) return;
  await orders.bracketsTab.click();
  await expect(orders.brackets).toHaveCount(1);
  await expect(orders.brackets.getByRole('button', { name: 'Close at market' })).toBeVisible();
}

for (const viewport of VIEWPORTS) {
  test(`${viewport.width}×${viewport.height}: nothing wraps, clips or overlaps in any preset`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(host.url);
    const dock = new DockWorkspace(page);
    await dock.ready();
    await placeBracketAndFill(page);
    for (const preset of PRESETS) {
      await dock.applyLayout(preset);
      await expect(dock.layout).toHaveValue(`preset:${preset.toLowerCase()}`);
      await dock.settled();
      // The orders panel opens on Open orders (with its Cancel buttons), then Brackets.
      expect(await layoutProblems(page), `${preset} at ${viewport.width}×${viewport.height}`).toEqual([]);
      await showBrackets(page);
      expect(await layoutProblems(page), `${preset} at ${viewport.width}×${viewport.height}, brackets`).toEqual([]);
    }
  });
}

test('axe-core: no serious or critical violation on any preset or workspace', async ({ page }) => {
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  const app = new AppShell(page);
  await dock.ready();
  const serious = async (where: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${where}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 4)
            .join(', ')}`,
      );
  };
  const found: string[] = [];
  for (const preset of PRESETS) {
    await dock.applyLayout(preset);
    await expect(dock.layout).toHaveValue(`preset:${preset.toLowerCase()}`);
    await dock.settled();
    found.push(...(await serious(`${preset} preset`)));
  }
  for (const workspace of ['Portfolio', 'Accounts', 'Audit log', 'Strategies', 'Bots', 'Spread']) {
    await app.workspaceTab(workspace).click();
    await expect(app.workspaceTab(workspace)).toHaveAttribute('aria-selected', 'true');
    found.push(...(await serious(`${workspace} workspace`)));
  }
  expect(found).toEqual([]);
});

test('1440×900: the Build preset gives the strategy editor and the backtest results each ≥ 1000 px of width', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  const dock = new DockWorkspace(page);
  await dock.ready();
  await dock.applyLayout('Build');
  await expect(dock.layout).toHaveValue('preset:build');
  await dock.settled();
  // A strategy open, so the editor shows its canvas of blocks rather than the empty hint.
  const lab = new StrategyLab(page);
  await lab.newStrategy.click();
  await lab.newDialog.name.fill('Room to build');
  await lab.newDialog.create.click();
  await expect(lab.newDialog.dialog).toBeHidden();
  await expect(lab.canvas).toBeVisible();
  const canvas = await lab.canvas.boundingBox();
  expect(canvas?.width, 'the editor canvas width').toBeGreaterThanOrEqual(1000);
  expect(canvas?.height, 'the editor canvas height').toBeGreaterThanOrEqual(500);

  await dock.tab('Backtest & results').click();
  const results = page.getByRole('region', { name: 'Backtest lab' });
  await expect(results).toBeVisible();
  const box = await results.boundingBox();
  expect(box?.width, 'the backtest results width').toBeGreaterThanOrEqual(1000);
  expect(box?.height, 'the backtest results height').toBeGreaterThanOrEqual(600);
});
