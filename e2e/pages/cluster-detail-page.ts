// One cluster's page (/clusters/:id/:tab?): its tabs, the job card, and what each tab lets the user do — bind and
// unbind an EIP and download a kubeconfig (Connection), add and delete tags (Tags), edit the description (Settings),
// delete the cluster with its name typed (Delete).
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'yaml';

export const clusterTabs = ['Overview', 'Connection', 'Tags', 'Jobs', 'Settings', 'Delete'] as const;
export type ClusterTab = (typeof clusterTabs)[number];

/** What the console's tests read of a downloaded kubeconfig. */
export type Kubeconfig = {
  kind: string;
  clusters: Array<{ name: string; cluster: { server: string } }>;
  'current-context': string;
};

export type NewTag = { key: string; value: string };

export class ClusterDetailPage {
  readonly heading: Locator;
  /** The card of a job (creation or deletion on the Overview, every named job on Jobs, the delete job on Delete). */
  readonly jobCard: Locator;
  readonly jobProgress: Locator;
  readonly jobSteps: Locator;
  readonly addresses: Locator;
  readonly eipId: Locator;
  readonly tagsTable: Locator;
  readonly description: Locator;
  readonly deleteConfirmation: Locator;
  readonly deleteButton: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.jobCard = page.getByRole('region', { name: /^Job / });
    this.jobProgress = this.jobCard.getByRole('progressbar');
    this.jobSteps = this.jobCard.getByRole('table', { name: /^Steps of/ });
    this.addresses = page.getByRole('region', { name: 'API server addresses' });
    this.eipId = page.getByRole('textbox', { name: 'EIP ID' });
    this.tagsTable = page.getByRole('table', { name: 'Tags of the cluster' });
    this.description = page.getByRole('textbox', { name: 'Description' });
    this.deleteConfirmation = page.getByRole('textbox', { name: /To confirm, type the cluster name/ });
    this.deleteButton = page.getByRole('button', { name: 'Delete cluster' });
  }

  tab(name: ClusterTab): Locator {
    return this.page.getByRole('tab', { name });
  }

  async openTab(name: ClusterTab) {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** A section of the Overview (Specification, Status, Network …). */
  overviewSection(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  /** The address shown for `label` under API server addresses ("Private address (in the VPC)" …). */
  address(label: string): Locator {
    return this.addresses
      .locator('div')
      .filter({ has: this.page.getByRole('term').filter({ hasText: label }) })
      .getByRole('definition')
      .getByRole('code');
  }

  async bindEip(id: string) {
    await this.eipId.fill(id);
    await this.page.getByRole('button', { name: 'Bind EIP' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Bind the EIP?' });
    await expect(dialog).toContainText(id);
    await dialog.getByRole('button', { name: 'Bind EIP' }).click();
    await expect(dialog).toBeHidden();
  }

  async unbindEip() {
    await this.page.getByRole('button', { name: 'Unbind EIP' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Unbind the EIP?' });
    await dialog.getByRole('button', { name: 'Unbind EIP' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Downloads a kubeconfig valid for `days` and returns the file's name and its parsed YAML. */
  async downloadKubeconfig(days: number): Promise<{ fileName: string; config: Kubeconfig }> {
    await this.page.getByRole('textbox', { name: 'Days' }).fill(String(days));
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Download kubeconfig' }).click();
    const file = await download;
    const config = parse(await readFile(await file.path(), 'utf8')) as Kubeconfig;
    return { fileName: file.suggestedFilename(), config };
  }

  tagKey(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Key ${n}` });
  }

  tagValue(n: number): Locator {
    return this.page.getByRole('textbox', { name: `Value ${n}` });
  }

  /** Fills one new-tag row per tag (row 1 must be empty) and adds them in one batch. */
  async addTags(tags: readonly NewTag[]) {
    for (const [index, tag] of tags.entries()) {
      if (index > 0) await this.page.getByRole('button', { name: 'Add another tag' }).click();
      await this.tagKey(index + 1).fill(tag.key);
      await this.tagValue(index + 1).fill(tag.value);
    }
    await this.page.getByRole('button', { name: 'Add tags' }).click();
    await expect(this.page.getByText(`${tags.length} tag(s) added`)).toBeVisible();
  }

  /** Selects the tags with these keys, deletes them and confirms; returns once the dialog closed. */
  async deleteTags(keys: readonly string[]) {
    for (const key of keys) await this.page.getByRole('checkbox', { name: `Select tag ${key}` }).check();
    await this.page.getByRole('button', { name: `Delete selected (${keys.length})` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete ${keys.length} tag(s)?` });
    await expect(dialog).toContainText(keys.join(', '));
    await dialog.getByRole('button', { name: 'Delete tags' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Types a description on the Settings tab and saves it (the answer — saved or refused — is the caller's to check). */
  async saveDescription(text: string) {
    await this.description.fill(text);
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  /** On the Delete tab: the button stays disabled until the name is typed exactly, then deletes. */
  async deleteWithConfirmation(name: string) {
    await expect(this.deleteButton).toBeDisabled();
    await this.deleteConfirmation.fill(name.slice(0, -1));
    await expect(this.deleteButton).toBeDisabled();
    await this.deleteConfirmation.fill(name);
    await expect(this.deleteButton).toBeEnabled();
    await this.deleteButton.click();
  }
}
