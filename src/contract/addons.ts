// Add-ons (seed 4.2.1-4.2.7, plus the newer pages 000/001 for rollback and 002 for update): the add-on instance,
// its status enum and rollback rule, add-on templates with their versions, and the seven add-on operations.
//
// The add-on endpoints have no project_id in the path (the project comes from the token, digest §1.1), and the
// cluster ID travels differently per endpoint (digest §4.1):
//   createAddonInstance / updateAddonInstance  body spec.clusterID (required)
//   rollbackAddonInstance                      body clusterID, top level (required)
//   listAddonInstances                         query cluster_id (required)
//   getAddonInstance / deleteAddonInstance     query cluster_id (optional)
//   listAddonTemplates                         none (templates are global)
import { z } from 'zod';
import {
  booleanStringSchema,
  isKnownValue,
  lenientArray,
  nullishString,
  openEnum,
  optionalString,
  requiredString,
  stringMapSchema,
  timestampSchema,
} from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

// ---------------------------------------------------------------------------------------------------------------
// Status enum and the rules built on it
// ---------------------------------------------------------------------------------------------------------------

/**
 * Add-on instance `status.status`, seed 4.2.1 table 4-156 (line 4552); the same 13 values in 4.2.3/4.2.4/4.2.6/
 * 4.2.7 and in 000 (table 7) and 002 (digest §4.3). 001 prints an empty list (001:117), not a different one.
 */
export const addonInstanceStatuses = [
  'running',
  'abnormal',
  'installing',
  'installFailed',
  'upgrading',
  'upgradeFailed',
  'deleting',
  'deleteFailed',
  'deleteSuccess',
  // "部分就绪": only some of the add-on's instances run, the add-on is partially usable - not healthy.
  'available',
  'rollbacking',
  'rollbackFailed',
  // "插件模板实例不存在": the template instance does not exist.
  'unknown',
] as const;
export type AddonInstanceStatusValue = (typeof addonInstanceStatuses)[number];

/** Statuses that end by themselves: the console polls while an instance is in one of these (digest §4.3). */
export const transitionalAddonInstanceStatuses = [
  'installing',
  'upgrading',
  'rollbacking',
  'deleting',
] as const satisfies readonly AddonInstanceStatusValue[];

/**
 * Failed operations, each with its stated follow-up (table 4-156): installFailed -> uninstall and reinstall;
 * upgradeFailed -> retry the upgrade or reinstall; deleteFailed -> retry the uninstall; rollbackFailed -> retry the
 * rollback or reinstall.
 */
export const failedAddonInstanceStatuses = [
  'installFailed',
  'upgradeFailed',
  'deleteFailed',
  'rollbackFailed',
] as const satisfies readonly AddonInstanceStatusValue[];

/**
 * Seed 4.2.4 (line 6823), word for word in 000:7 and 001:3: a rollback is possible only when
 * status.isRollbackable is true AND the status is running, available, abnormal, upgradeFailed or rollbackFailed.
 * (The text glosses `available` as "可用" although the enum calls it "partially ready"; the value is the same.)
 * Not allowed: installing, installFailed, upgrading, deleting, deleteFailed, deleteSuccess, rollbacking, unknown.
 */
export const rollbackAllowedStatuses = [
  'running',
  'available',
  'abnormal',
  'upgradeFailed',
  'rollbackFailed',
] as const satisfies readonly AddonInstanceStatusValue[];

export const addonInstanceStatusValueSchema = openEnum(addonInstanceStatuses);

export function isTransitionalAddonInstanceStatus(status: string | null | undefined): boolean {
  return isKnownValue(transitionalAddonInstanceStatuses, status);
}

/** The parts of an add-on instance the rollback rule reads (a parsed AddonInstance fits). */
export type RollbackCandidate = {
  readonly status?: Partial<Pick<AddonInstanceState, 'status' | 'isRollbackable'>> | null;
};

/**
 * Seed 4.2.4 (line 6823; 000:7; 001:3): true when the instance may be rolled back to its pre-upgrade version.
 * isRollbackable must be exactly true (absent or null means no), and an unknown future status never allows it.
 */
export function canRollback(instance: RollbackCandidate): boolean {
  const state = instance.status;
  return state?.isRollbackable === true && isKnownValue(rollbackAllowedStatuses, state.status);
}

// ---------------------------------------------------------------------------------------------------------------
// Response objects (tolerant)
// ---------------------------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A free-form object (add-on values, version input): absent or null becomes {}. */
const freeFormObjectSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value): Record<string, unknown> => value ?? {});

/** AddonMetadata, tables 4-151/4-154/4-163 (line 4492): every field optional; labels are a reserved field. */
export const addonMetadataSchema = z.looseObject({
  uid: nullishString,
  name: nullishString,
  alias: nullishString,
  labels: stringMapSchema,
  annotations: stringMapSchema,
  creationTimestamp: timestampSchema,
  updateTimestamp: timestampSchema,
});
export type AddonMetadata = z.infer<typeof addonMetadataSchema>;

/** SupportVersions `category` values, documented only in the newer page 000 (000:379-395). */
export const addonClusterCategories = ['CCE', 'Turbo', 'Autopilot'] as const;
export type AddonClusterCategory = (typeof addonClusterCategories)[number];

/**
 * SupportVersions, tables 4-158/4-166/4-177/4-186: clusterType (e.g. "VirtualMachine") and clusterVersion, a list
 * of regular expressions ("v1.(27|28).*"). `category` is in 000 (000:379) and in the 003 template example (line
 * 5780, digest S19) but in no 003 table: read it, [] when absent.
 */
export const addonSupportVersionSchema = z.looseObject({
  clusterType: nullishString,
  clusterVersion: lenientArray(z.string()),
  category: lenientArray(openEnum(addonClusterCategories)),
});
export type AddonSupportVersion = z.infer<typeof addonSupportVersionSchema>;

/** 000:379-395: an empty category list means CCE Standard and CCE Turbo clusters (not Autopilot). */
export function supportVersionCategories(supportVersion: Pick<AddonSupportVersion, 'category'>): readonly string[] {
  return supportVersion.category.length > 0 ? supportVersion.category : ['CCE', 'Turbo'];
}

/**
 * One locale of `translate` ({en_US|fr_FR|zh_CN: {addon:{changeLog, description}, description:{...}, key:{...}}},
 * digest §4.2). The description/key maps mix strings and numbers ("Parameters.flavor1.name": 2500, line 4980;
 * hold-24): normalised to strings for display.
 */
export const addonTranslationSchema = z.looseObject({
  addon: z.looseObject({ changeLog: nullishString, description: nullishString }).nullish(),
  description: stringMapSchema,
  key: stringMapSchema,
});
export type AddonTranslation = z.infer<typeof addonTranslationSchema>;

/**
 * Versions, tables 4-157/4-165/4-176/4-185. supportVersions is null for an instance's currentVersion (lines 5067,
 * 7930; hold-05) and an array in templates: null becomes [].
 *
 * Digest S7 (4.2.1 response example, lines 4835-4841): there `parameters` stands beside `input` instead of inside
 * it as everywhere else (lines 7133, 8249; 000, 001, 002, hold-24). Normalised: folded into input.parameters, so
 * the UI reads the flavors and custom parameters in one place.
 */
export const addonVersionSchema = z
  .looseObject({
    version: nullishString,
    input: freeFormObjectSchema,
    parameters: z.record(z.string(), z.unknown()).nullish(),
    stable: z.boolean().nullish(),
    translate: z
      .record(z.string(), addonTranslationSchema)
      .nullish()
      .transform((value): Record<string, AddonTranslation> => value ?? {}),
    supportVersions: lenientArray(addonSupportVersionSchema),
    creationTimestamp: timestampSchema,
    updateTimestamp: timestampSchema,
  })
  .transform(({ parameters, ...version }) => {
    if (!parameters) return version;
    const inner = isRecord(version.input.parameters) ? version.input.parameters : {};
    return { ...version, input: { ...version.input, parameters: { ...parameters, ...inner } } };
  });
export type AddonVersion = z.infer<typeof addonVersionSchema>;

/**
 * Add-on values as the service returns them (InstanceSpec.values, table 4-155): free-form, null in the get/list
 * examples (lines 7705, 8232) -> {}. The service injects `systemAutoInject` {cluster:{...}, user:{projectID}}
 * (lines 4809-4818); the 4.2.4 example alone spells it `projectId` (line 7102, digest N7): normalised to projectID.
 */
export const addonValuesResponseSchema = freeFormObjectSchema.transform((values): Record<string, unknown> => {
  const inject = values.systemAutoInject;
  if (!isRecord(inject) || !isRecord(inject.user) || !('projectId' in inject.user)) return values;
  const { projectId, ...user } = inject.user;
  return { ...values, systemAutoInject: { ...inject, user: { ...user, projectID: user.projectID ?? projectId } } };
});

/** InstanceSpec, table 4-155 (and 4-174, 4-183; 000 table 6). */
export const addonInstanceSpecSchema = z.looseObject({
  clusterID: nullishString,
  version: nullishString,
  addonTemplateName: nullishString,
  addonTemplateType: nullishString,
  addonTemplateLogo: nullishString,
  addonTemplateLabels: lenientArray(z.string()),
  description: nullishString,
  values: addonValuesResponseSchema,
});
export type AddonInstanceSpec = z.infer<typeof addonInstanceSpecSchema>;

/**
 * The instance status object: AddonInstanceState in 003 (table 4-156; "AddonInstanceStateStatus" at line 6017),
 * AddonInstanceStatus in 000/001/002 (digest N14).
 *
 * The failure reason is documented with a capital R, `Reason` (line 4553, every example; SDK too), whereas cluster
 * and job statuses use `reason` (digest N5). Normalised: the output has `reason` only (either spelling read).
 * targetVersions is null in most examples (lines 4823, 6317; hold-05): null becomes []. It lists add-on versions
 * (001:127, line 7121), although 003 glosses it as cluster versions (digest R23).
 */
export const addonInstanceStateSchema = z
  .looseObject({
    status: addonInstanceStatusValueSchema.nullish(),
    Reason: nullishString,
    reason: nullishString,
    message: nullishString,
    targetVersions: lenientArray(z.string()),
    currentVersion: addonVersionSchema.nullish(),
    isRollbackable: z.boolean().nullish(),
    previousVersion: nullishString,
  })
  .transform(({ Reason, reason, ...state }) => ({
    ...state,
    reason: [Reason, reason].find((text) => text) ?? Reason ?? reason ?? null,
  }));
export type AddonInstanceState = z.infer<typeof addonInstanceStateSchema>;

/** The add-on instance {kind:"Addon", apiVersion:"v3", metadata, spec, status}, tables 4-153/4-172/4-181. */
export const addonInstanceSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: addonMetadataSchema,
  spec: addonInstanceSpecSchema,
  status: addonInstanceStateSchema.nullish(),
});
export type AddonInstance = z.infer<typeof addonInstanceSchema>;

/** 4.2.7 response: {kind:"Addon", apiVersion, items}. */
export const addonInstanceListSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  items: lenientArray(addonInstanceSchema),
});
export type AddonInstanceList = z.infer<typeof addonInstanceListSchema>;

/** TemplateSpec `type`, table 4-164 (line 5264). */
export const addonTemplateTypes = ['helm', 'static'] as const;

/** TemplateSpec, table 4-164 (titled "Templatespec", digest N15). */
export const addonTemplateSpecSchema = z.looseObject({
  type: openEnum(addonTemplateTypes).nullish(),
  require: z.boolean().nullish(),
  labels: lenientArray(z.string()),
  logoURL: nullishString,
  readmeURL: nullishString,
  description: nullishString,
  versions: lenientArray(addonVersionSchema),
});

/** AddonTemplate, table 4-162: metadata.uid is the template name (e.g. "cie-collector", line 5307). */
export const addonTemplateSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  metadata: addonMetadataSchema,
  spec: addonTemplateSpecSchema,
});
export type AddonTemplate = z.infer<typeof addonTemplateSchema>;

/** 4.2.2 response, table 4-161: {kind:"Addon", apiVersion, items}. */
export const addonTemplateListSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  items: lenientArray(addonTemplateSchema),
});
export type AddonTemplateList = z.infer<typeof addonTemplateListSchema>;

/**
 * 4.2.5 response: a bare String (table 4-190), the text `success` (line 7413), not a JSON object (digest S15).
 * The schema receives what apiFetch decoded: the raw text, or a string if the body was a JSON string. Normalised to
 * the unquoted, trimmed text ("success").
 */
export const deleteAddonInstanceResultSchema = z
  .union([z.string(), z.null(), z.undefined()])
  .transform((body): string => {
    const text = (body ?? '').trim();
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
      try {
        const decoded: unknown = JSON.parse(text);
        if (typeof decoded === 'string') return decoded.trim();
      } catch {
        // not a JSON string: keep the text as sent
      }
    }
    return text;
  });
export type DeleteAddonInstanceResult = z.infer<typeof deleteAddonInstanceResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Flavors inside add-on input/values (a typed view over the free-form maps)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Quantities and flavor names are numbers in some examples and strings in others: flavor `name` 2500 (line 4920,
 * hold-24) vs "autopilot-flavor1"; `limitsCpu` 1 (line 4851) vs "1000m" (line 4620) - digest S11. Read as strings.
 */
const numberOrStringSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

export const addonFlavorResourceSchema = z.looseObject({
  id: nullishString,
  name: nullishString,
  limitsCpu: numberOrStringSchema,
  requestsCpu: numberOrStringSchema,
  limitsMem: numberOrStringSchema,
  requestsMem: numberOrStringSchema,
});

/** One flavor (values.flavor, or input.parameters.flavorN / autopilot-flavorN), digest §4.2. */
export const addonFlavorSchema = z.looseObject({
  name: numberOrStringSchema,
  description: nullishString,
  category: lenientArray(z.string()),
  is_default: z.boolean().nullish(),
  replicas: z.number().nullish(),
  deploy_mode: nullishString,
  recommend_cluster_flavor_types: lenientArray(z.string()),
  resources: lenientArray(addonFlavorResourceSchema),
});
export type AddonFlavor = z.infer<typeof addonFlavorSchema>;

const flavorKeyPattern = /(^|-)flavor\d+$/;

/**
 * The flavors a version offers: the `flavorN` / `autopilot-flavorN` entries of input.parameters (lines 5327, 4915,
 * 002:672ff.), in document order, each with its key. The raw input stays untouched in the version object, so
 * values sent back on install keep their original types.
 */
export function addonFlavorsOf(
  version: Pick<AddonVersion, 'input'> | null | undefined,
): Array<{ key: string; flavor: AddonFlavor }> {
  const parameters = version?.input.parameters;
  if (!isRecord(parameters)) return [];
  return Object.entries(parameters).flatMap(([key, value]) => {
    if (!flavorKeyPattern.test(key)) return [];
    const parsed = addonFlavorSchema.safeParse(value);
    return parsed.success ? [{ key, flavor: parsed.data }] : [];
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Requests (strict)
// ---------------------------------------------------------------------------------------------------------------

/** Strict object whose refusals name the field: unknown keys, a missing object, a value that is not an object. */
function strictFields<Shape extends z.ZodRawShape>(
  field: string,
  shape: Shape,
  unknownKeysMessage?: (keys: readonly string[]) => string | undefined,
) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const allowed = Object.keys(shape).join(', ');
        return (
          unknownKeysMessage?.(issue.keys) ??
          `${field} must not contain ${issue.keys.map((key) => `"${key}"`).join(', ')} (allowed: ${allowed})`
        );
      }
      return issue.input === undefined ? `${field} is required` : `${field} must be an object`;
    },
  });
}

/** Add-on instance ID in the path (tables 4-167/4-178/4-187/4-191): metadata.uid, a UUID in every example. */
export const addonInstanceIdSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'id is required' : 'id must be a string') })
  .min(1, 'id (the add-on instance ID) must not be empty')
  .max(128, 'id (the add-on instance ID) must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'id (the add-on instance ID) must contain only letters, digits, ".", "_" and "-"',
  );

export const addonInstanceParamsSchema = z.strictObject({ id: addonInstanceIdSchema });
export type AddonInstanceParams = z.input<typeof addonInstanceParamsSchema>;

/** No path parameters: the add-on paths carry no project_id (digest §1.1). */
export const noAddonPathParamsSchema = z.strictObject({});

/** The annotations to send: install (POST, 4.2.1) and upgrade (PUT, 4.2.3), table 4-151 line 4499. */
export const addonInstallAnnotations = { 'addon.install/type': 'install' } as const;
export const addonUpgradeAnnotations = { 'addon.upgrade/type': 'upgrade' } as const;

/** Table 4-151 (line 4499): "安装: 固定值为 {"addon.install/type": "install"}" - that map and nothing else. */
const installAnnotationsSchema = strictFields(
  'metadata.annotations',
  {
    'addon.install/type': z.literal(
      'install',
      'metadata.annotations["addon.install/type"] must be "install" when installing an add-on',
    ),
  },
  (keys) =>
    `metadata.annotations must be {"addon.install/type": "install"} when installing an add-on; ${keys
      .map((key) => `"${key}"`)
      .join(', ')} is not allowed`,
);

/** Table 4-170 (line 5992): "升级: 固定值为 {"addon.upgrade/type": "upgrade"}". */
const upgradeAnnotationsSchema = strictFields(
  'metadata.annotations',
  {
    'addon.upgrade/type': z.literal(
      'upgrade',
      'metadata.annotations["addon.upgrade/type"] must be "upgrade" when upgrading an add-on',
    ),
  },
  (keys) =>
    `metadata.annotations must be {"addon.upgrade/type": "upgrade"} when upgrading an add-on; ${keys
      .map((key) => `"${key}"`)
      .join(', ')} is not allowed`,
);

/** AddonMetadata of a request, table 4-151/4-170: every field optional; labels are reserved and have no effect. */
function requestMetadataSchema<Annotations extends z.ZodType>(annotations: Annotations) {
  return strictFields('metadata', {
    uid: optionalString('metadata.uid'),
    name: optionalString('metadata.name'),
    alias: optionalString('metadata.alias'),
    labels: z
      .record(
        z.string(),
        z.string(),
        'metadata.labels must be a map of string values (a reserved field without effect)',
      )
      .optional(),
    annotations: annotations.optional(),
    updateTimestamp: optionalString('metadata.updateTimestamp'),
    creationTimestamp: optionalString('metadata.creationTimestamp'),
  });
}

/**
 * Add-on values to install or upgrade with (table 4-152 line 4508, Map<String,Object>): template-specific and
 * free-form - numbers and strings both occur (digest §1.3, S11). On upgrade send the full set: missing keys fall back
 * to the template defaults.
 */
export const addonValuesSchema = z.record(z.string(), z.unknown(), {
  error: (issue) =>
    issue.input === undefined
      ? 'spec.values is required (the add-on parameters, e.g. {basic, flavor, custom})'
      : 'spec.values must be an object of add-on parameters',
});

/**
 * Table 4-171 names the template field `addonTemplate` (line 6004, digest N8); 002, the example and the SDK say
 * addonTemplateName (sdk-fidelity §4): the table spelling is refused with a pointer to the right one.
 */
function specUnknownKeys(keys: readonly string[]): string | undefined {
  return keys.includes('addonTemplate')
    ? 'spec.addonTemplate is not a field: send the template name as spec.addonTemplateName'
    : undefined;
}

/** Cluster ID in the body (table 4-152 line 4507): camelCase, required; the host-level {clusterid} is ignored. */
const specClusterIdSchema = requiredString('spec.clusterID');
const addonTemplateNameSchema = requiredString('spec.addonTemplateName');

/**
 * "kind" and "apiVersion" are marked required but "input is ignored" (table 4-150 lines 4487-4488, digest R1), and
 * the published install example (hold-04) omits both: optional here, with the documented fixed values as defaults.
 */
const addonKindSchema = z.literal('Addon', 'kind must be "Addon"').default('Addon');
const addonApiVersionSchema = z.literal('v3', 'apiVersion must be "v3"').default('v3');

/** 4.2.1 body (table 4-150): install an add-on. spec.version is optional: omitted = latest the cluster supports. */
export const createAddonInstanceBodySchema = strictFields('body', {
  kind: addonKindSchema,
  apiVersion: addonApiVersionSchema,
  metadata: requestMetadataSchema(installAnnotationsSchema),
  spec: strictFields(
    'spec',
    {
      version: requiredString('spec.version').optional(),
      clusterID: specClusterIdSchema,
      values: addonValuesSchema,
      addonTemplateName: addonTemplateNameSchema,
    },
    specUnknownKeys,
  ),
});
export type CreateAddonInstanceBody = z.input<typeof createAddonInstanceBodySchema>;

/**
 * 4.2.3 body (table 4-169): upgrade an add-on. The same shape as install, with the upgrade annotation, and
 * spec.version is required: the column of table 4-171 says "否" but the text (line 6001) says
 * "升级: 该参数必传".
 */
export const updateAddonInstanceBodySchema = strictFields('body', {
  kind: addonKindSchema,
  apiVersion: addonApiVersionSchema,
  metadata: requestMetadataSchema(upgradeAnnotationsSchema),
  spec: strictFields(
    'spec',
    {
      version: z
        .string({
          error: (issue) =>
            issue.input === undefined
              ? 'spec.version is required when upgrading an add-on (the version to upgrade to)'
              : 'spec.version must be a string',
        })
        .min(1, 'spec.version must not be empty'),
      clusterID: specClusterIdSchema,
      values: addonValuesSchema,
      addonTemplateName: addonTemplateNameSchema,
    },
    specUnknownKeys,
  ),
});
export type UpdateAddonInstanceBody = z.input<typeof updateAddonInstanceBodySchema>;

/** 4.2.4 body (table 4-180; 000 table 3; 001): {clusterID}, top level, required. */
export const rollbackAddonInstanceBodySchema = strictFields('body', { clusterID: requiredString('clusterID') });
export type RollbackAddonInstanceBody = z.input<typeof rollbackAddonInstanceBodySchema>;

/**
 * 4.2.2 query (table 4-159): addon_template_name, the name or alias (omitted = every template). The SDK also has
 * cluster_id, version, newest and base_update_addon_version (sdk-fidelity §1): accepted, not documented in the seed.
 */
export const listAddonTemplatesQuerySchema = strictFields('query', {
  addon_template_name: requiredString('addon_template_name').optional(),
  cluster_id: requiredString('cluster_id').optional(),
  version: requiredString('version').optional(),
  newest: booleanStringSchema.optional(),
  base_update_addon_version: requiredString('base_update_addon_version').optional(),
});
export type ListAddonTemplatesQuery = z.input<typeof listAddonTemplatesQuerySchema>;

/**
 * 4.2.7 query (line 8110): cluster_id is required (the SDK samples omit it, digest R20). The SDK also has
 * addon_template_name (sdk-fidelity §1): accepted.
 */
export const listAddonInstancesQuerySchema = strictFields('query', {
  cluster_id: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'cluster_id is required: add-on instances are listed per cluster'
          : 'cluster_id must be a string',
    })
    .min(1, 'cluster_id must not be empty'),
  addon_template_name: requiredString('addon_template_name').optional(),
});
export type ListAddonInstancesQuery = z.input<typeof listAddonInstancesQuerySchema>;

/** 4.2.5 (line 7384) and 4.2.6 (line 7597) query: cluster_id, optional. */
export const addonInstanceQuerySchema = strictFields('query', {
  cluster_id: requiredString('cluster_id').optional(),
});
export type AddonInstanceQuery = z.input<typeof addonInstanceQuerySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

export const addonOperations = {
  createAddonInstance: defineOperation({
    id: 'createAddonInstance',
    section: '4.2.1',
    method: 'POST',
    path: '/autopilot/v3/addons',
    pathParams: noAddonPathParamsSchema,
    query: noQuerySchema,
    body: createAddonInstanceBodySchema,
    bodyKind: 'json',
    successStatus: 201,
    response: addonInstanceSchema,
    responseKind: 'json',
  }),
  listAddonTemplates: defineOperation({
    id: 'listAddonTemplates',
    section: '4.2.2',
    method: 'GET',
    path: '/autopilot/v3/addontemplates',
    pathParams: noAddonPathParamsSchema,
    query: listAddonTemplatesQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: addonTemplateListSchema,
    responseKind: 'json',
  }),
  updateAddonInstance: defineOperation({
    id: 'updateAddonInstance',
    section: '4.2.3',
    method: 'PUT',
    // 003 line 5960. Seed 002 documents the CCE Standard/Turbo twin at PUT /api/v3/addons/{id} (digest P1): not used.
    path: '/autopilot/v3/addons/{id}',
    pathParams: addonInstanceParamsSchema,
    query: noQuerySchema,
    body: updateAddonInstanceBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: addonInstanceSchema,
    responseKind: 'json',
  }),
  rollbackAddonInstance: defineOperation({
    id: 'rollbackAddonInstance',
    section: '4.2.4',
    method: 'POST',
    path: '/autopilot/v3/addons/{id}/operation/rollback',
    pathParams: addonInstanceParamsSchema,
    query: noQuerySchema,
    body: rollbackAddonInstanceBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: addonInstanceSchema,
    responseKind: 'json',
  }),
  deleteAddonInstance: defineOperation({
    id: 'deleteAddonInstance',
    section: '4.2.5',
    method: 'DELETE',
    path: '/autopilot/v3/addons/{id}',
    pathParams: addonInstanceParamsSchema,
    query: addonInstanceQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    // The body is the text "success" (line 7413): apiFetch hands over the raw text when it is not JSON.
    response: deleteAddonInstanceResultSchema,
    responseKind: 'json',
  }),
  getAddonInstance: defineOperation({
    id: 'getAddonInstance',
    section: '4.2.6',
    method: 'GET',
    path: '/autopilot/v3/addons/{id}',
    pathParams: addonInstanceParamsSchema,
    query: addonInstanceQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: addonInstanceSchema,
    responseKind: 'json',
  }),
  listAddonInstances: defineOperation({
    id: 'listAddonInstances',
    section: '4.2.7',
    method: 'GET',
    path: '/autopilot/v3/addons',
    pathParams: noAddonPathParamsSchema,
    query: listAddonInstancesQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: addonInstanceListSchema,
    responseKind: 'json',
  }),
};
