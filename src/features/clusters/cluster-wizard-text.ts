// The words the wizard shows for its steps, fields and issues, through the catalog.
import type { Translate } from '../../i18n/i18n.tsx';
import type { IssueMessage, WizardForm } from './cluster-wizard-form.ts';
import type { WizardField, WizardStep } from './cluster-wizard-fields.ts';
import { translateRule } from './rule-messages.ts';

export function stepLabel(t: Translate, step: WizardStep): string {
  return t(`wizard.step.${step}`);
}

/** A wizard message, or a contract rule in the console's language (rule-messages.ts; an unknown rule as written). */
export function issueText(t: Translate, message: IssueMessage): string {
  return 'text' in message ? translateRule(message.text, t) : t(message.key, message.vars);
}

/** The label of a field's input, rows numbered from 1 as the inputs are labelled, add-ons by template name. */
export function fieldLabel(t: Translate, field: WizardField, form: Pick<WizardForm, 'addons'>): string {
  const [list, index, part] = field.split('.');
  const n = Number(index) + 1;
  if (list === 'eniSubnets' && index !== undefined) return t('wizard.network.eniSubnet', { n });
  if (list === 'tags' && index !== undefined) return t(part === 'value' ? 'wizard.tags.value' : 'wizard.tags.key', { n });
  if (list === 'addons' && index !== undefined) {
    const name = form.addons[Number(index)]?.templateName ?? String(n);
    return t(part === 'values' ? 'wizard.addons.values' : 'wizard.addons.install', { name });
  }
  switch (field) {
    case 'name':
    case 'alias':
    case 'description':
    case 'version':
    case 'flavor':
    case 'category':
      return t(`wizard.basics.${field}`);
    case 'vpc':
    case 'subnet':
    case 'serviceCidr':
    case 'enableSnat':
    case 'enableSWRImageAccess':
    case 'eniSubnets':
      return t(`wizard.network.${field}`);
    case 'addons':
      return t('wizard.step.addons');
    case 'tags':
      return t('wizard.step.tags');
    default:
      return t('wizard.review.requestBody');
  }
}
