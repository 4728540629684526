// The shell around every page: the header's colour-scheme choice and the html element it sets.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  readonly colorScheme: Locator;
  readonly html: Locator;

  constructor(page: Page) {
    this.colorScheme = page.getByRole('combobox', { name: 'Colour scheme' });
    this.html = page.locator('html');
  }

  /** Chooses a colour scheme in the header and waits until the page wears it. */
  async chooseColorScheme(scheme: 'light' | 'dark') {
    await this.colorScheme.selectOption(scheme);
    await expect(this.html).toHaveAttribute('data-mantine-color-scheme', scheme);
  }
}
