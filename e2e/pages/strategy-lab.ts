import type { Locator, Page } from '@playwright/test';

/** The New strategy dialog. */
export class NewStrategyDialog {
  readonly dialog: Locator;
  readonly name: Locator;
  readonly create: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'New strategy' });
    this.name = this.dialog.getByLabel('Name (optional)');
    this.create = this.dialog.getByRole('button', { name: 'Create' });
  }

  /** A starting template, e.g. /SMA cross/. */
  template(name: string | RegExp): Locator {
    return this.dialog.getByRole('radio', { name });
  }
}

/** The strategy lab: the strategy list, the block editor and the backtest beside it. */
export class StrategyLab {
  readonly newStrategy: Locator;
  readonly newDialog: NewStrategyDialog;
  readonly paletteSearch: Locator;
  readonly canvas: Locator;
  readonly nodes: Locator;
  readonly edges: Locator;
  readonly selectedEdges: Locator;
  readonly editorStatus: Locator;
  readonly unsaved: Locator;
  readonly validation: Locator;
  readonly listItems: Locator;
  readonly exportJson: Locator;
  readonly dataSet: Locator;
  readonly run: Locator;
  readonly runBlockedReason: Locator;
  readonly results: Locator;
  readonly equityChart: Locator;
  readonly tradesChart: Locator;
  readonly tradesTableRows: Locator;

  constructor(readonly page: Page) {
    this.newStrategy = page.getByRole('button', { name: 'New…' });
    this.newDialog = new NewStrategyDialog(page);
    this.paletteSearch = page.getByRole('searchbox', { name: 'Search blocks' });
    this.canvas = page.getByTestId('strategy-canvas');
    this.nodes = page.getByTestId('strategy-node');
    this.edges = page.locator('.react-flow__edge');
    this.selectedEdges = page.locator('.react-flow__edge.selected');
    this.editorStatus = page.getByTestId('editor-status');
    this.unsaved = page.getByTestId('unsaved-indicator');
    this.validation = page.getByTestId('validation-panel');
    this.listItems = page.getByTestId('strategy-list-item');
    this.exportJson = page.getByRole('button', { name: 'Export JSON' });
    this.dataSet = page.getByLabel('Data set');
    this.run = page.getByTestId('run-backtest');
    this.runBlockedReason = page.getByTestId('run-blocked-reason');
    this.results = page.getByTestId('backtest-results');
    this.equityChart = page.getByTestId('equity-chart');
    this.tradesChart = page.getByTestId('trades-chart');
    this.tradesTableRows = page.getByTestId('trades-table').locator('tbody tr');
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name });
  }

  /** A block of the palette by its type, e.g. 'sma'. */
  paletteBlock(type: string): Locator {
    return this.page.getByTestId(`palette-${type}`);
  }

  /** A block on the canvas by its node id, e.g. 'sma1'. */
  node(id: string): Locator {
    return this.page.locator(`[data-testid="strategy-node"][data-node-id="${id}"]`);
  }

  /** A parameter field on a block, e.g. ('sma1', 'Period'). */
  parameter(id: string, label: string): Locator {
    return this.node(id).getByLabel(label);
  }

  /** A block's header: clicking it selects the block. */
  blockHeader(id: string): Locator {
    return this.node(id).locator('.block-node-header');
  }

  /** The error badge on a block, named by its count, e.g. '1 error'. */
  errorBadge(id: string, name: string): Locator {
    return this.node(id).getByRole('img', { name });
  }

  /** A port handle by its accessible name, e.g. 'SMA 1 output value'. */
  port(label: string): Locator {
    return this.page.locator(`[aria-label="${label}"]`);
  }

  /** A connection, focusable from the keyboard, by its accessible name. */
  connection(name: string): Locator {
    return this.page.getByRole('group', { name });
  }

  /** The optimiser tab and its form, results and Apply action. */
  optimiser() {
    const page = this.page;
    return {
      tab: page.getByRole('tab', { name: 'Optimiser' }),
      sweep: (label: string) => page.getByRole('checkbox', { name: label }),
      method: page.getByLabel('Search method'),
      budget: page.getByLabel('Budget (backtests)'),
      seed: page.getByLabel('Seed'),
      run: page.getByTestId('run-optimise'),
      results: page.getByTestId('optimise-results'),
      rows: page.getByTestId('optimise-table').locator('tbody tr'),
      applyBest: page.getByTestId('apply-best'),
      applied: page.getByTestId('applied-note'),
    };
  }

  /** One backtest figure, e.g. 'trades', 'finalEquity', 'sharpe'. */
  metric(name: string): Locator {
    return this.page.getByTestId(`metric-${name}`);
  }

  /** HTML5 drag from the palette onto the canvas at (x, y) in the canvas's own coordinates. */
  async dropBlock(type: string, x: number, y: number): Promise<void> {
    await this.paletteBlock(type).dragTo(this.canvas, { targetPosition: { x, y } });
  }

  /** xyflow connects on pointer events: press on one handle, move, release on the other. */
  async wire(fromLabel: string, toLabel: string): Promise<void> {
    const from = await centre(this.port(fromLabel));
    const to = await centre(this.port(toLabel));
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await this.page.mouse.move(to.x, to.y, { steps: 5 });
    await this.page.mouse.up();
  }
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
