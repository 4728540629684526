// The cluster list (/clusters): its table, a row by cluster name, and opening a cluster from it.
import { expect, type Locator, type Page } from '@playwright/test';

export class ClusterListPage {
  readonly table: Locator;
  /** The cluster names in the table, in the order shown. */
  readonly links: Locator;
  readonly createButton: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Clusters' });
    this.links = this.table.getByRole('row').getByRole('link');
    this.createButton = page.getByRole('link', { name: 'Create cluster' });
  }

  async goto(query = '') {
    await this.page.goto(`/clusters${query}`);
  }

  link(name: string): Locator {
    return this.table.getByRole('link', { name, exact: true });
  }

  row(name: string): Locator {
    // `has` is looked up inside each row: a locator from the page, not from the table
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Opens a cluster from the list (demo uids are random per reset) and returns its detail path. */
  async open(name: string): Promise<string> {
    await this.goto();
    await this.link(name).click();
    await expect(this.page).toHaveURL(/\/clusters\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname;
  }
}
