// The wizard's fields, the step each belongs to, and the two ways an error finds its field: the path of a zod
// issue of createClusterBodySchema, or the text of a server error that names an API field ("metadata.name: …").
import { cceErrorCodes } from '../../contract/errors.ts';

export const wizardSteps = ['basics', 'network', 'addons', 'tags', 'review'] as const;
export type WizardStep = (typeof wizardSteps)[number];

export function isWizardStep(value: string | null): value is WizardStep {
  return value !== null && (wizardSteps as readonly string[]).includes(value);
}

/** One input of the wizard (rows by index), or `form` for what belongs to no input. */
export type WizardField =
  | 'name'
  | 'alias'
  | 'description'
  | 'version'
  | 'flavor'
  | 'category'
  | 'vpc'
  | 'subnet'
  | 'eniSubnets'
  | `eniSubnets.${number}`
  | 'serviceCidr'
  | 'enableSnat'
  | 'enableSWRImageAccess'
  | 'addons'
  | `addons.${number}`
  | `addons.${number}.values`
  | 'tags'
  | `tags.${number}.key`
  | `tags.${number}.value`
  | 'form';

const basicsFields = new Set<string>(['name', 'alias', 'description', 'version', 'flavor', 'category']);
const networkFields = new Set<string>(['vpc', 'subnet', 'serviceCidr', 'enableSnat', 'enableSWRImageAccess']);

export function stepOfField(field: WizardField): WizardStep {
  if (basicsFields.has(field)) return 'basics';
  if (networkFields.has(field) || field.startsWith('eniSubnets')) return 'network';
  if (field.startsWith('addons')) return 'addons';
  if (field.startsWith('tags')) return 'tags';
  return 'review';
}

/** The id of the input a field is edited in, for labels, focus and aria-describedby. */
export function fieldInputId(field: WizardField): string {
  return `cluster-wizard-${field.replaceAll('.', '-')}`;
}

const specFields: Record<string, WizardField> = {
  description: 'description',
  version: 'version',
  flavor: 'flavor',
  category: 'category',
  serviceNetwork: 'serviceCidr',
  kubernetesSvcIpRange: 'serviceCidr',
  enableSnat: 'enableSnat',
  enableSWRImageAccess: 'enableSWRImageAccess',
};

/**
 * The field of a createClusterBodySchema issue path. The add-on annotation's issues carry the list index after the
 * annotation key (clusters.ts createClusterMetadataSchema); the wizard builds that list in its own order.
 */
export function fieldOfIssuePath(path: readonly PropertyKey[]): WizardField {
  const [root, first, second, third, fourth] = path;
  if (root === 'metadata') {
    if (first === 'name') return 'name';
    if (first === 'alias') return 'alias';
    if (first === 'annotations') {
      if (typeof third !== 'number') return 'addons';
      return fourth === 'values' ? `addons.${third}.values` : `addons.${third}`;
    }
    return 'form';
  }
  if (root !== 'spec' || typeof first !== 'string') return 'form';
  if (first === 'hostNetwork') return second === 'subnet' ? 'subnet' : 'vpc';
  if (first === 'eniNetwork') return typeof third === 'number' ? `eniSubnets.${third}` : 'eniSubnets';
  if (first === 'clusterTags') {
    if (typeof second !== 'number') return 'tags';
    return third === 'value' ? `tags.${second}.value` : `tags.${second}.key`;
  }
  return specFields[first] ?? 'form';
}

/** "spec.eniNetwork.subnets[0].subnetID" / "spec.clusterTags.1.key" -> ['spec', 'eniNetwork', 'subnets', 0, …]. */
function pathOfToken(token: string): PropertyKey[] {
  return token
    .replace(/\[(\d*)\]/g, (_, index: string) => (index === '' ? '' : `.${index}`))
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const apiPathToken = /\b(?:metadata|spec)(?:\.\w+|\[\d*\])+/;

export type ServerErrorLike = { status: number; code: string | null; message: string };
export type ServerFieldError = { field: WizardField; message: string };

/** The subnet ids the form sent, to recognise "subnet … not found" answers that name an id rather than a field. */
export type SentSubnets = { subnet: string; eniSubnets: readonly string[] };

/**
 * The field a server error is about, with the sentence to show there; null when it names none (quota, throttling…).
 * The emulator and the proxy answer 400 with describeIssues' sentences ("Invalid request: metadata.name must …;
 * spec.clusterTags.0.key: …"), so the first sentence naming a wizard field wins. Without a field in the text, the
 * code decides: a 409 conflict is about the name (a conflicting alias is answered as "metadata.alias …", found
 * above), an unsupported version about the version, a subnet not found (CCE.01400002) about the subnet it quotes.
 */
export function fieldOfServerError(error: ServerErrorLike, sent: SentSubnets): ServerFieldError | null {
  const text = error.message.replace(/^Invalid request:\s*/i, '');
  for (const sentence of text.split(/;\s+/)) {
    const token = apiPathToken.exec(sentence)?.[0];
    if (!token) continue;
    const field = fieldOfIssuePath(pathOfToken(token));
    if (field !== 'form') return { field, message: sentence };
  }
  if (error.status === 409 || error.code === cceErrorCodes.alreadyExists) {
    return { field: 'name', message: error.message };
  }
  if (error.code === cceErrorCodes.versionNotSupported) return { field: 'version', message: error.message };
  if (error.code === cceErrorCodes.subnetNotFound) {
    if (sent.subnet && text.includes(sent.subnet)) return { field: 'subnet', message: error.message };
    const index = sent.eniSubnets.findIndex((id) => id !== '' && text.includes(id));
    return { field: index >= 0 ? `eniSubnets.${index}` : 'eniSubnets', message: error.message };
  }
  return null;
}
