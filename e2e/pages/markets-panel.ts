import type { Locator, Page } from '@playwright/test';

/** The markets list: search, the All / Favourites tabs, rows and their stars. */
export class MarketsPanel {
  readonly list: Locator;
  readonly options: Locator;
  readonly search: Locator;
  readonly clearSearch: Locator;
  readonly noMatch: Locator;
  readonly allTab: Locator;
  readonly favouritesTab: Locator;
  readonly noFavourites: Locator;
  readonly showAllMarkets: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('listbox', { name: 'Markets' });
    this.options = this.list.getByRole('option');
    this.search = page.getByRole('searchbox', { name: 'Search markets' });
    this.clearSearch = page.getByRole('button', { name: 'Clear search' });
    this.noMatch = page.getByText(/No market matches/);
    this.allTab = page.getByRole('tab', { name: 'All', exact: true });
    this.favouritesTab = page.getByRole('tab', { name: /^Favourites/ });
    this.noFavourites = page.getByText('No favourites yet. In All, click a market’s ☆ or press F on the highlighted row to keep it here.');
    this.showAllMarkets = page.getByRole('button', { name: 'Show all markets' });
  }

  /** The row of one market, e.g. 'BTC/USDT'. */
  market(symbol: string): Locator {
    return this.list.getByRole('option', { name: symbol, exact: true });
  }

  // The stars sit inside listbox options and are hidden from assistive tech (an option holds no
  // control; F stars the active row), so they are found by what clicking them does.
  /** The ☆ that adds `symbol` to the favourites (shown while it is not one). */
  addFavourite(symbol: string): Locator {
    return this.page.locator(`.market-star[data-star="Add ${symbol} to favourites"]`);
  }

  /** The ★ that removes `symbol` from the favourites. */
  removeFavourite(symbol: string): Locator {
    return this.page.locator(`.market-star[data-star="Remove ${symbol} from favourites"]`);
  }
}
