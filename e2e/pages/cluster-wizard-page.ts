// The create-cluster wizard (/clusters/new): its steps, Next, and filling a valid cluster.
import { expect, type Locator, type Page, type Response } from '@playwright/test';

export const wizardSteps = ['Basics', 'Network', 'Add-ons', 'Tags', 'Review'] as const;
type WizardStep = (typeof wizardSteps)[number];

export class ClusterWizardPage {
  readonly next: Locator;
  readonly back: Locator;
  readonly name: Locator;
  readonly description: Locator;
  readonly createButton: Locator;

  constructor(private readonly page: Page) {
    this.next = page.getByRole('button', { name: 'Next', exact: true });
    this.back = page.getByRole('button', { name: 'Back' });
    this.name = page.getByLabel('Cluster name');
    this.description = page.getByLabel('Description');
    this.createButton = page.getByRole('button', { name: 'Create cluster' });
  }

  async goto(query = '') {
    await this.page.goto(`/clusters/new${query}`);
  }

  stepHeading(step: WizardStep): Locator {
    return this.page.getByRole('heading', { level: 2, name: `Step ${wizardSteps.indexOf(step) + 1} of 5: ${step}` });
  }

  /** From a valid Basics step: a VPC and one ENI subnet, no add-ons, no tags; stops on the Review step. */
  async completeFromBasics() {
    await this.next.click();
    await expect(this.stepHeading('Network')).toBeVisible();
    await this.page.getByLabel('VPC ID').fill('vpc-0a1b2c3d');
    await this.page.getByLabel('ENI subnet ID 1').fill('subnet-eni-1');
    await this.next.click();
    await expect(this.stepHeading('Add-ons')).toBeVisible();
    await this.next.click();
    await expect(this.stepHeading('Tags')).toBeVisible();
    await this.next.click();
    await expect(this.stepHeading('Review')).toBeVisible();
  }

  /** Fills every step with valid input (no add-ons, no tags) and stops on the Review step. */
  async fillValidCluster(name: string) {
    await this.goto();
    await this.name.fill(name);
    await this.completeFromBasics();
  }

  /** Clicks Create cluster on the Review step and returns the service's answer to the create call. */
  async submit(): Promise<Response> {
    const created = this.page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/clusters'));
    await this.createButton.click();
    return created;
  }
}
