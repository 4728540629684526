// The create wizard's whole input as one state with a reducer (so no step ever loses what was typed), the request
// body it makes, and its validation: createClusterBodySchema first (the rules the proxy and the emulator apply),
// then what only the console knows (add-on values as JSON, add-ons for the chosen version, names already taken).
import {
  addonInstallAnnotationKey,
  buildAddonInstallAnnotation,
  checkClusterAliasUnique,
  clusterCategories,
  clusterFlavors,
  clusterTypes,
  createClusterBodySchema,
  defaultServiceCidr,
  type ClusterAddonInstall,
  type CreateClusterBody,
} from '../../contract/clusters.ts';
import type { AddonTemplate } from '../../contract/addons.ts';
import type { clusterWizardEn } from '../../i18n/en-cluster-wizard.ts';
import { addonTemplateName, compatibleAddonVersions } from './cluster-wizard-catalog.ts';
import { fieldOfIssuePath, stepOfField, type ServerFieldError, type WizardField, type WizardStep } from './cluster-wizard-fields.ts';

export type WizardAddon = { templateName: string; valuesText: string };
export type WizardEniSubnet = { rowId: number; subnetID: string };
export type WizardTag = { rowId: number; key: string; value: string };

export type WizardForm = {
  name: string;
  alias: string;
  description: string;
  /** null: not chosen, the newest offered version applies (chosenVersion). */
  version: string | null;
  flavor: (typeof clusterFlavors)[number];
  category: (typeof clusterCategories)[number];
  vpc: string;
  subnet: string;
  eniSubnets: WizardEniSubnet[];
  serviceCidr: string;
  enableSnat: boolean;
  enableSWRImageAccess: boolean;
  addons: WizardAddon[];
  tags: WizardTag[];
};

export type TextField = 'name' | 'alias' | 'description' | 'vpc' | 'subnet' | 'serviceCidr';
export type FlagField = 'enableSnat' | 'enableSWRImageAccess';

/** The server's field error stays at its field while the field still holds what was sent. */
export type SentServerFieldError = ServerFieldError & { sentValue: string };

export type WizardState = {
  form: WizardForm;
  /** Inputs the user has changed: their errors show as they type. Rows by rowId, add-ons by template name. */
  touched: Readonly<Record<string, true>>;
  /** Steps the user tried to leave (Next) or submit: all their errors show. */
  attempted: Readonly<Partial<Record<WizardStep, true>>>;
  serverFieldError: SentServerFieldError | null;
  nextRowId: number;
};

export function initialWizardState(): WizardState {
  return {
    form: {
      name: '',
      alias: '',
      description: '',
      version: null,
      flavor: clusterFlavors[0],
      category: clusterCategories[0],
      vpc: '',
      subnet: '',
      eniSubnets: [{ rowId: 1, subnetID: '' }],
      // the documented default (seed 4.1.1 lines 812, 847), shown so the user sees what the cluster gets
      serviceCidr: defaultServiceCidr,
      enableSnat: true,
      enableSWRImageAccess: true,
      addons: [],
      tags: [],
    },
    touched: {},
    attempted: {},
    serverFieldError: null,
    nextRowId: 2,
  };
}

export type WizardAction =
  | { type: 'text'; field: TextField; value: string }
  | { type: 'version'; value: string }
  | { type: 'flag'; field: FlagField; value: boolean }
  | { type: 'addEniSubnet' }
  | { type: 'eniSubnet'; rowId: number; value: string }
  | { type: 'removeEniSubnet'; rowId: number }
  | { type: 'toggleAddon'; templateName: string; selected: boolean }
  | { type: 'addonValues'; templateName: string; valuesText: string }
  | { type: 'addTag' }
  | { type: 'tag'; rowId: number; part: 'key' | 'value'; value: string }
  | { type: 'removeTag'; rowId: number }
  | { type: 'attempt'; step: WizardStep }
  | { type: 'serverFieldError'; error: ServerFieldError | null };

export const rowTouchKey = (rowId: number) => `row:${rowId}`;
export const addonTouchKey = (templateName: string) => `addon:${templateName}`;

function touch(state: WizardState, key: string, form: WizardForm): WizardState {
  return { ...state, form, touched: { ...state.touched, [key]: true } };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  const { form } = state;
  switch (action.type) {
    case 'text':
      return touch(state, action.field, { ...form, [action.field]: action.value });
    case 'version':
      return touch(state, 'version', { ...form, version: action.value });
    case 'flag':
      return touch(state, action.field, { ...form, [action.field]: action.value });
    case 'addEniSubnet':
      return {
        ...state,
        form: { ...form, eniSubnets: [...form.eniSubnets, { rowId: state.nextRowId, subnetID: '' }] },
        nextRowId: state.nextRowId + 1,
      };
    case 'eniSubnet':
      return touch(state, rowTouchKey(action.rowId), {
        ...form,
        eniSubnets: form.eniSubnets.map((row) => (row.rowId === action.rowId ? { ...row, subnetID: action.value } : row)),
      });
    case 'removeEniSubnet':
      return { ...state, form: { ...form, eniSubnets: form.eniSubnets.filter((row) => row.rowId !== action.rowId) } };
    case 'toggleAddon': {
      const without = form.addons.filter((addon) => addon.templateName !== action.templateName);
      const addons = action.selected ? [...without, { templateName: action.templateName, valuesText: '' }] : without;
      return touch(state, addonTouchKey(action.templateName), { ...form, addons });
    }
    case 'addonValues':
      return touch(state, addonTouchKey(action.templateName), {
        ...form,
        addons: form.addons.map((addon) =>
          addon.templateName === action.templateName ? { ...addon, valuesText: action.valuesText } : addon,
        ),
      });
    case 'addTag':
      return {
        ...state,
        form: { ...form, tags: [...form.tags, { rowId: state.nextRowId, key: '', value: '' }] },
        nextRowId: state.nextRowId + 1,
      };
    case 'tag':
      return touch(state, rowTouchKey(action.rowId), {
        ...form,
        tags: form.tags.map((tag) => (tag.rowId === action.rowId ? { ...tag, [action.part]: action.value } : tag)),
      });
    case 'removeTag':
      return { ...state, form: { ...form, tags: form.tags.filter((tag) => tag.rowId !== action.rowId) } };
    case 'attempt':
      return { ...state, attempted: { ...state.attempted, [action.step]: true } };
    case 'serverFieldError':
      return {
        ...state,
        serverFieldError: action.error ? { ...action.error, sentValue: fieldValue(form, action.error.field) } : null,
      };
  }
}

/** What a field holds, as text: a server error at a field is shown while this has not changed. */
export function fieldValue(form: WizardForm, field: WizardField): string {
  const [list, index, part] = field.split('.');
  const at = Number(index);
  if (list === 'eniSubnets' && index !== undefined) return form.eniSubnets[at]?.subnetID ?? '';
  if (list === 'tags' && index !== undefined) return JSON.stringify(form.tags[at]?.[part === 'value' ? 'value' : 'key'] ?? '');
  if (list === 'addons' && index !== undefined) return JSON.stringify(form.addons[at] ?? null);
  switch (field) {
    case 'name':
    case 'alias':
    case 'description':
    case 'vpc':
    case 'subnet':
    case 'serviceCidr':
    case 'flavor':
    case 'category':
      return form[field];
    case 'version':
      return form.version ?? '';
    case 'enableSnat':
    case 'enableSWRImageAccess':
      return String(form[field]);
    case 'eniSubnets':
      return JSON.stringify(form.eniSubnets.map((row) => row.subnetID));
    case 'addons':
      return JSON.stringify(form.addons);
    case 'tags':
      return JSON.stringify(form.tags.map(({ key, value }) => ({ key, value })));
    default:
      return JSON.stringify(form);
  }
}

/** The version the body asks for: the user's choice, else the newest the service offers, else none (the service's default). */
export function chosenVersion(form: Pick<WizardForm, 'version'>, offered: readonly string[]): string | null {
  return form.version ?? offered[0] ?? null;
}

export type AddonValuesResult = { ok: true; values: Record<string, unknown> } | { ok: false };

/** Add-on values typed as JSON: empty means the template's defaults ({}); otherwise a JSON object. */
export function parseAddonValues(text: string): AddonValuesResult {
  if (text.trim() === '') return { ok: true, values: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { ok: true, values: Object.fromEntries(Object.entries(parsed)) };
    }
  } catch {
    // reported below as not a JSON object
  }
  return { ok: false };
}

/**
 * The createCluster body of seed 4.1.1 for this input, exactly as it is sent. Empty optional inputs are left out
 * (the alias then is the name, the service picks the control-plane subnet); every ENI subnet row is sent, so an
 * empty one is reported at its row. Add-on values that are not valid JSON go as {} (and block the submit).
 */
export function buildCreateClusterBody(form: WizardForm, version: string | null): CreateClusterBody {
  const addons: ClusterAddonInstall[] = form.addons.map((addon) => {
    const values = parseAddonValues(addon.valuesText);
    return { addonTemplateName: addon.templateName, values: values.ok ? values.values : {} };
  });
  const alias = form.alias.trim() === '' ? undefined : form.alias;
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: {
      name: form.name,
      ...(alias !== undefined ? { alias } : {}),
      ...(addons.length > 0 ? { annotations: { [addonInstallAnnotationKey]: buildAddonInstallAnnotation(addons) } } : {}),
    },
    spec: {
      category: form.category,
      type: clusterTypes[0],
      flavor: form.flavor,
      ...(version !== null ? { version } : {}),
      ...(form.description !== '' ? { description: form.description } : {}),
      hostNetwork: { vpc: form.vpc, ...(form.subnet.trim() !== '' ? { subnet: form.subnet } : {}) },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: form.eniSubnets.map((row) => ({ subnetID: row.subnetID })) },
      ...(form.serviceCidr.trim() !== '' ? { serviceNetwork: { IPv4CIDR: form.serviceCidr } } : {}),
      enableSnat: form.enableSnat,
      enableSWRImageAccess: form.enableSWRImageAccess,
      ...(form.tags.length > 0 ? { clusterTags: form.tags.map(({ key, value }) => ({ key, value })) } : {}),
    },
  };
}

type WizardMessageKey = keyof typeof clusterWizardEn;

/** A contract sentence (the words the proxy and the emulator use) or one of the wizard's own messages. */
export type IssueMessage = { text: string } | { key: WizardMessageKey; vars?: Record<string, string | number> };
export type WizardIssue = { field: WizardField; message: IssueMessage };

export type ExistingCluster = { metadata: { name: string; uid?: string | null; alias?: string | null } };

export type ValidationContext = {
  version: string | null;
  /** The add-on catalog, when loaded. */
  templates: readonly AddonTemplate[] | undefined;
  /** The project's clusters, when loaded: names and aliases already taken. */
  clusters: readonly ExistingCluster[] | undefined;
};

export type WizardValidation = { body: CreateClusterBody; issues: WizardIssue[] };

export function validateWizard(form: WizardForm, context: ValidationContext): WizardValidation {
  const body = buildCreateClusterBody(form, context.version);
  const issues: WizardIssue[] = [];
  const parsed = createClusterBodySchema.safeParse(body);
  for (const issue of parsed.error?.issues ?? []) {
    issues.push({ field: fieldOfIssuePath(issue.path), message: { text: issue.message } });
  }

  // The service refuses a name another cluster has as its name or its alias (409, alias rule of line 780).
  const nameOwner = form.name === '' ? undefined : context.clusters?.find((c) => c.metadata.name === form.name || c.metadata.alias === form.name);
  if (nameOwner) {
    issues.push({
      field: 'name',
      message:
        nameOwner.metadata.name === form.name
          ? { key: 'wizard.issue.nameTaken', vars: { name: form.name } }
          : { key: 'wizard.issue.nameIsAlias', vars: { name: form.name, cluster: nameOwner.metadata.name } },
    });
  }
  const aliasConflict = context.clusters ? checkClusterAliasUnique(body.metadata.alias, context.clusters) : null;
  if (aliasConflict) issues.push({ field: 'alias', message: { text: aliasConflict } });

  form.addons.forEach((addon, index) => {
    if (!parseAddonValues(addon.valuesText).ok) {
      issues.push({ field: `addons.${index}.values`, message: { key: 'wizard.issue.addonValuesJson' } });
    }
    const template = context.templates?.find((t) => addonTemplateName(t) === addon.templateName);
    if (!context.templates || !context.version) return;
    if (!template) {
      issues.push({ field: `addons.${index}`, message: { key: 'wizard.issue.addonUnknown', vars: { name: addon.templateName } } });
    } else if (compatibleAddonVersions(template, context.version).length === 0) {
      issues.push({
        field: `addons.${index}`,
        message: { key: 'wizard.issue.addonIncompatible', vars: { name: addon.templateName, version: context.version } },
      });
    }
  });
  return { body, issues };
}

/** The issues of one step (the Review step gets those that belong to no input). */
export function issuesOfStep(issues: readonly WizardIssue[], step: WizardStep): WizardIssue[] {
  return issues.filter((issue) => stepOfField(issue.field) === step);
}

/** The issues of one field (a list's own issues only: its rows are fields of their own). */
export function issuesOfField(issues: readonly WizardIssue[], field: WizardField): WizardIssue[] {
  return issues.filter((issue) => issue.field === field);
}

/** The touched-key of the input a field is edited in (rows and add-ons by their identity, not their index). */
function touchKeyOf(form: WizardForm, field: WizardField): string | null {
  const [list, index] = field.split('.');
  const at = Number(index);
  if (index === undefined) return list === 'eniSubnets' || list === 'tags' || list === 'addons' ? null : field;
  if (list === 'eniSubnets') return form.eniSubnets[at] ? rowTouchKey(form.eniSubnets[at].rowId) : null;
  if (list === 'tags') return form.tags[at] ? rowTouchKey(form.tags[at].rowId) : null;
  if (list === 'addons') return form.addons[at] ? addonTouchKey(form.addons[at].templateName) : null;
  return field;
}

/**
 * Whether a field's errors are shown: once its input was changed (validation as the user types), or once the user
 * tried to leave its step. A list's own errors ("at least one subnet") show once any of its rows was changed.
 */
export function showsErrorsOf(state: WizardState, field: WizardField): boolean {
  if (state.attempted[stepOfField(field)]) return true;
  const key = touchKeyOf(state.form, field);
  if (key !== null) return state.touched[key] === true;
  const rows =
    field === 'eniSubnets'
      ? state.form.eniSubnets.map((row) => rowTouchKey(row.rowId))
      : field === 'tags'
        ? state.form.tags.map((row) => rowTouchKey(row.rowId))
        : state.form.addons.map((addon) => addonTouchKey(addon.templateName));
  return rows.some((rowKey) => state.touched[rowKey] === true);
}

/** The server's field error, while the field still holds what was sent. */
export function currentServerFieldError(state: WizardState): ServerFieldError | null {
  const error = state.serverFieldError;
  return error && fieldValue(state.form, error.field) === error.sentValue ? error : null;
}
