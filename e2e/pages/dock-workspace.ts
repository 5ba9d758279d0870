import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The docking workspace (the Trade tab): its toolbar (layout list, save, add panel), the panel
 * tabs dockview draws, and each group's actions (link colour, float, pop out, maximise, close).
 */
export class DockWorkspace {
  readonly root: Locator;
  readonly layout: Locator;
  readonly addPanel: Locator;
  readonly saveLayout: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('dock-workspace');
    this.layout = page.getByRole('combobox', { name: 'Layout', exact: true });
    this.addPanel = page.getByRole('combobox', { name: 'Add panel' });
    this.saveLayout = page.getByRole('button', { name: 'Save layout…' });
  }

  /** The dock has put back its layout (a preset or the saved one). */
  async ready(): Promise<void> {
    await expect(this.root.locator('.dv-tab').first()).toBeVisible();
  }

  /** Waits until core has the layout on screen now (the save after the last change landed). */
  async settled(): Promise<void> {
    await expect(this.root).not.toHaveAttribute('data-layout-pending', 'true');
  }

  /** A panel's tab by its title ('Chart', 'Order book', 'Chart 2'). */
  tab(title: string): Locator {
    return this.root.locator('.dv-tab').filter({ has: this.page.getByText(title, { exact: true }) });
  }

  async applyLayout(name: string): Promise<void> {
    await this.layout.selectOption({ label: name });
  }

  /** The action buttons of the group whose active panel is `title`. */
  action(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name });
  }

  linkSelect(title: string): Locator {
    return this.root.getByRole('combobox', { name: `${title}: market link group` });
  }
}
