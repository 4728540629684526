// Clusters (seed 4.1.1-4.1.5): the AutopilotCluster object, its list, the create/update/delete bodies and
// queries, the shared resource-tag rules, and the cluster operations.
import { z } from 'zod';
import {
  booleanStringSchema,
  isIpv4Cidr,
  lenientArray,
  nullishString,
  openEnum,
  optionalString,
  pathIdSchema,
  projectIdSchema,
  requiredString,
  stringMapSchema,
  timestampSchema,
} from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';
import { checkUniqueTagKeys, maxTagsPerCluster, resourceTagSchema } from './tags.ts';

// ---------------------------------------------------------------------------------------------------------------
// Known values (the UI's selects and badges read these)
// ---------------------------------------------------------------------------------------------------------------

/** Seed 4.1.1 table 4-16 (line 883): every cluster phase. */
export const clusterPhases = [
  'Available',
  'Unavailable',
  'ScalingUp',
  'ScalingDown',
  'Creating',
  'Deleting',
  'Upgrading',
  'Resizing',
  'ResizeFailed',
  'RollingBack',
  'RollbackFailed',
  'Hibernating',
  'Hibernation',
  'Freezing',
  'Frozen',
  'UnFreezing',
  'Awaking',
  'Empty',
  'Error',
] as const;
export type ClusterPhase = (typeof clusterPhases)[number];

/** Phases that end by themselves: the console polls while a cluster is in one of these. */
export const transitionalClusterPhases = [
  'Creating',
  'Deleting',
  'Upgrading',
  'ScalingUp',
  'ScalingDown',
  'Resizing',
  'RollingBack',
  'Hibernating',
  'Freezing',
  'UnFreezing',
  'Awaking',
] as const satisfies readonly ClusterPhase[];

/** Seed 4.1.1 (line 883): Unavailable must be deleted by hand, Error "may be deleted by hand". */
export const failedClusterPhases = ['Unavailable', 'Error', 'ResizeFailed', 'RollbackFailed'] as const satisfies
  readonly ClusterPhase[];

/** Seed 4.1.1 line 791: Autopilot clusters are Turbo only. */
export const clusterCategories = ['Turbo'] as const;
/** Seed 4.1.1 line 792: x86 masters only. */
export const clusterTypes = ['VirtualMachine'] as const;
/** Seed 4.1.1 line 793: the one flavor. */
export const clusterFlavors = ['cce.autopilot.cluster'] as const;
/** Seed 4.1.1 line 832: container network mode, ENI (Cloud Native Network 2.0) only. */
export const containerNetworkModes = ['eni'] as const;
/** Seed 4.1.1 line 816: service forwarding mode, iptables only (the default). */
export const kubeProxyModes = ['iptables'] as const;
/** Seed 4.1.1 line 852: authentication mode, default rbac. */
export const authenticationModes = ['rbac'] as const;
/** Seed 4.1.1 line 811: 0 = on-demand, the only value and the default. */
export const billingModes = [0] as const;
/** Seed 4.1.1 line 903: endpoint type. */
export const clusterEndpointTypes = ['Internal', 'External'] as const;

/** Defaults the service applies when create omits them (seed 4.1.1 lines 811-852). */
export const defaultServiceCidr = '10.247.0.0/16';

// ---------------------------------------------------------------------------------------------------------------
// Building blocks of the request schemas
// ---------------------------------------------------------------------------------------------------------------

/** Length in characters (code points), as the document counts "字符", not UTF-16 units. */
export function characterCount(value: string): number {
  return Array.from(value).length;
}

/**
 * A strict request object whose own failures name the field: "spec is required", "spec.hostNetwork must be an
 * object", "spec.eniNetwork has unknown field(s): …". `unknownKeysHint` replaces the generic unknown-key sentence.
 */
export function requestObject<Shape extends z.ZodRawShape>(
  field: string,
  shape: Shape,
  unknownKeysHint?: (keys: readonly string[]) => string,
) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        return unknownKeysHint
          ? unknownKeysHint(issue.keys)
          : `${field} has unknown field(s): ${issue.keys.join(', ')}; the API does not document them`;
      }
      if (issue.code === 'invalid_type') {
        return issue.input === undefined ? `${field} is required` : `${field} must be an object`;
      }
      return undefined;
    },
  });
}

function optionalBoolean(field: string) {
  return z.boolean({ error: `${field} must be true or false` }).optional();
}

/** Seed 4.1.1 line 778 (name) and 780/2368 (alias): ^[a-z][a-z0-9-]{2,126}[a-z0-9]$. */
export const clusterNamePattern = /^[a-z][a-z0-9-]{2,126}[a-z0-9]$/;

/** Every sentence the cluster naming rule produces for `value`; [] when it is a valid name. */
export function clusterNameProblems(field: string, value: string): string[] {
  const problems: string[] = [];
  if (value.length < 4 || value.length > 128) problems.push(`${field} must be 4 to 128 characters long`);
  if (!/^[a-z]/.test(value)) problems.push(`${field} must start with a lower-case letter`);
  if (!/^[a-z0-9-]*$/.test(value)) problems.push(`${field} may contain only lower-case letters, digits and "-"`);
  if (value.endsWith('-')) problems.push(`${field} must not end with "-"`);
  return problems;
}

/**
 * Cluster name or alias (seed 4.1.1 lines 778, 780; 4.1.4 line 2368). For the alias an empty string is allowed:
 * on create it means "same as the name", on update "unchanged".
 */
export function clusterNameSchema(field: string, options: { allowEmpty?: boolean } = {}) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .superRefine((value, ctx) => {
      if (options.allowEmpty && value === '') return;
      for (const message of clusterNameProblems(field, value)) ctx.addIssue({ code: 'custom', message });
    });
}

/** Seed 4.1.4 table 4-73 (line 2351): characters spec.description must not contain. */
export const forbiddenDescriptionCharacters = [
  '~', '$', '%', '^', '&', '*', '<', '>', '[', ']', '{', '}', '(', ')', "'", '"', '#', '\\',
] as const;
export const maxDescriptionLength = 200;

/**
 * Seed 4.1.4 line 2351: [0,200] characters, none of ~ $ % ^ & * < > [ ] { } ( ) ' " # \. The create table (line
 * 798) only says "UTF-8"; the same rule is applied there so a description the console can create is one it can
 * later edit. "Only while Available" is a state rule: see checkDescriptionUpdateAllowed.
 */
export function clusterDescriptionSchema(field: string) {
  return z
    .string({ error: `${field} must be a string` })
    .refine((value) => characterCount(value) <= maxDescriptionLength, {
      message: `${field} must be at most ${maxDescriptionLength} characters`,
    })
    .refine((value) => !forbiddenDescriptionCharacters.some((c) => value.includes(c)), {
      message: `${field} must not contain any of ${forbiddenDescriptionCharacters.join(' ')}`,
    });
}

/** Seed 4.1.1 line 799: customSan entries are IP addresses or domain names, no duplicates. */
export function isIpOrDomainName(value: string): boolean {
  const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  const ipv6 = /^(?=.*:.*:)[0-9A-Fa-f:.]{2,45}$/;
  const label = '[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
  const domain = new RegExp(`^(?=.{1,253}$)${label}(\\.${label})*$`);
  return ipv4.test(value) || ipv6.test(value) || domain.test(value);
}

function customSanSchema(field: string) {
  return z
    .array(
      z.string({ error: `every ${field} entry must be a string` }).refine(isIpOrDomainName, {
        message: `every ${field} entry must be an IP address or a domain name`,
      }),
      { error: `${field} must be a list of IP addresses or domain names` },
    )
    .refine((list) => new Set(list).size === list.length, { message: `${field} must not list the same entry twice` });
}

/** CIDR syntax of common.ts (isIpv4Cidr, the check behind ipv4CidrSchema) with a sentence naming the field. */
function cidrSchema(field: string) {
  return z.string({ error: `${field} must be a string` }).refine(isIpv4Cidr, {
    message: `${field} must be an IPv4 CIDR block such as 10.247.0.0/16 (network address, prefix 0-32)`,
  });
}

function subnetListSchema(field: string) {
  return z.array(requestObject(`${field}[]`, { subnetID: requiredString(`${field}[].subnetID`) }), {
    error: `${field} must be a list of {subnetID}`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Add-ons installed with the cluster: the `cluster.install.addons/install` annotation (seed 4.1.1 lines 781, 1060)
// ---------------------------------------------------------------------------------------------------------------

/** Annotation key whose value is a JSON string of [{addonTemplateName, values}] (seed 4.1.1 line 1060). */
export const addonInstallAnnotationKey = 'cluster.install.addons/install';

export const clusterAddonInstallSchema = requestObject('add-on to install', {
  addonTemplateName: requiredString('addonTemplateName'),
  // Template-specific values, free-form like the add-on API's values (digest §1.3).
  values: z.record(z.string(), z.unknown(), { error: 'values must be an object' }).default({}),
});
export type ClusterAddonInstall = z.input<typeof clusterAddonInstallSchema>;

export const clusterAddonInstallListSchema = z.array(clusterAddonInstallSchema, {
  error: `${addonInstallAnnotationKey} must be a JSON array of {addonTemplateName, values}`,
});

/** The annotation value: a JSON-encoded string, decoded and checked. */
export const addonInstallAnnotationValueSchema = z
  .string()
  .transform((value, ctx): unknown => {
    try {
      return JSON.parse(value);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `${addonInstallAnnotationKey} must be a JSON-encoded array of {addonTemplateName, values}`,
      });
      return z.NEVER;
    }
  })
  .pipe(clusterAddonInstallListSchema);

/** The annotation value for the add-ons to install with a new cluster. */
export function buildAddonInstallAnnotation(addons: readonly ClusterAddonInstall[]): string {
  return JSON.stringify(clusterAddonInstallListSchema.parse(addons));
}

/** The add-ons a create body asks for ([] when the annotation is absent). Throws a ZodError when it is malformed. */
export function parseAddonInstallAnnotation(
  annotations: Readonly<Record<string, string>> | null | undefined,
): z.output<typeof clusterAddonInstallListSchema> {
  const value = annotations?.[addonInstallAnnotationKey];
  return value === undefined ? [] : addonInstallAnnotationValueSchema.parse(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Response: the AutopilotCluster object (tolerant)
// ---------------------------------------------------------------------------------------------------------------

export const clusterPhaseSchema = openEnum(clusterPhases);

export const clusterEndpointSchema = z.looseObject({
  url: z.string(),
  type: openEnum(clusterEndpointTypes).nullish(),
});

export const clusterMetadataSchema = z.looseObject({
  name: z.string(),
  uid: z.string().nullish(),
  // Omitted when not configured (line 780): the console shows the name then (clusterDisplayName).
  alias: nullishString,
  annotations: stringMapSchema,
  labels: stringMapSchema,
  creationTimestamp: timestampSchema,
  updateTimestamp: timestampSchema,
});

const subnetRefSchema = z.looseObject({ subnetID: z.string() });
export const clusterTagSchema = z.looseObject({ key: z.string(), value: z.string().nullish() });

/**
 * extendParam: the tables spell `upgradefrom` (lines 866, 1626), the 4.1.2/4.1.3/4.1.5 examples `upgradeFrom`
 * (lines 1720, 2134, 3015), the SDK `upgradefrom`. Normalised to `upgradefrom`.
 */
export const clusterExtendParamSchema = z
  .looseObject({
    enterpriseProjectId: nullishString,
    upgradefrom: nullishString,
    upgradeFrom: nullishString,
  })
  .transform(({ upgradeFrom, ...param }) => {
    if (param.upgradefrom == null && upgradeFrom != null) param.upgradefrom = upgradeFrom;
    return param;
  });

export const clusterDeleteStatusSchema = z.looseObject({
  previous_total: z.number().nullish(),
  current_total: z.number().nullish(),
  updated: z.number().nullish(),
  added: z.number().nullish(),
  deleted: z.number().nullish(),
});

export const clusterStatusSchema = z.looseObject({
  phase: clusterPhaseSchema.nullish(),
  jobID: nullishString,
  // Only returned while the phase is not Available (lines 887-888).
  reason: nullishString,
  message: nullishString,
  endpoints: lenientArray(clusterEndpointSchema),
  isLocked: z.boolean().nullish(),
  lockScene: nullishString,
  lockSource: nullishString,
  lockSourceId: nullishString,
  // Only in the delete response (lines 894-895). The example's values ("delete-block", line 3025) are not the
  // query values (R10), so they stay free-form strings.
  deleteOption: z.record(z.string(), z.unknown()).nullish(),
  deleteStatus: clusterDeleteStatusSchema.nullish(),
});
export type ClusterStatus = z.infer<typeof clusterStatusSchema>;

export const clusterSpecSchema = z
  .looseObject({
    category: openEnum(clusterCategories).nullish(),
    type: openEnum(clusterTypes).nullish(),
    flavor: nullishString,
    version: nullishString,
    platformVersion: nullishString,
    description: nullishString,
    customSan: lenientArray(z.string()),
    enableSnat: z.boolean().nullish(),
    enableSWRImageAccess: z.boolean().nullish(),
    enableAutopilot: z.boolean().nullish(),
    ipv6enable: z.boolean().nullish(),
    hostNetwork: z.looseObject({ vpc: nullishString, subnet: nullishString }).nullish(),
    containerNetwork: z.looseObject({ mode: openEnum(containerNetworkModes).nullish() }).nullish(),
    // The 4.1.4 example adds an undocumented eniSubnetId (line 2560, N10): kept as an unknown key.
    eniNetwork: z.looseObject({ subnets: lenientArray(subnetRefSchema) }).nullish(),
    serviceNetwork: z.looseObject({ IPv4CIDR: nullishString }).nullish(),
    authentication: z.looseObject({ mode: openEnum(authenticationModes).nullish() }).nullish(),
    billingMode: z.number().nullish(),
    kubernetesSvcIpRange: nullishString,
    // N1: every example spells it "kubernetesSvclpRange" (lower-case L, lines 1146, 1715, 2129, 2572, 3011).
    kubernetesSvclpRange: nullishString,
    clusterTags: lenientArray(clusterTagSchema),
    kubeProxyMode: openEnum(kubeProxyModes).nullish(),
    az: nullishString,
    extendParam: clusterExtendParamSchema.nullish(),
    deletionProtection: z.boolean().nullish(),
    // S5: the 4.1.3 and 4.1.5 examples nest status inside spec (lines 2136, 3017); lifted by clusterSchema.
    status: clusterStatusSchema.nullish(),
  })
  .transform(({ kubernetesSvclpRange, ...spec }) => ({
    ...spec,
    kubernetesSvcIpRange: spec.kubernetesSvcIpRange ?? kubernetesSvclpRange ?? null,
  }));

/**
 * The cluster as every cluster endpoint returns it. Normalised: `kubernetesSvclpRange` -> `kubernetesSvcIpRange`,
 * `upgradeFrom` -> `upgradefrom`, and a `status` nested in `spec` (S5) -> top-level `status`.
 */
export const clusterSchema = z
  .looseObject({
    kind: nullishString,
    apiVersion: nullishString,
    metadata: clusterMetadataSchema,
    spec: clusterSpecSchema,
    status: clusterStatusSchema.nullish(),
  })
  .transform(({ spec: { status: nestedStatus, ...spec }, ...cluster }) => {
    const out = { ...cluster, spec };
    if (out.status == null && nestedStatus != null) out.status = nestedStatus;
    return out;
  });
export type Cluster = z.infer<typeof clusterSchema>;

/** The name the console shows: the alias when configured (line 780), else the name. */
export function clusterDisplayName(cluster: Pick<Cluster, 'metadata'>): string {
  return cluster.metadata.alias || cluster.metadata.name;
}

export const clusterListSchema = z.looseObject({
  // R19: the example says "Cluster" (line 2090) where other lists say "List"; not checked.
  kind: nullishString,
  apiVersion: nullishString,
  items: lenientArray(clusterSchema),
});
export type ClusterList = z.infer<typeof clusterListSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Path parameters and queries
// ---------------------------------------------------------------------------------------------------------------

export const projectParamsSchema = z.strictObject({ project_id: projectIdSchema });
export const clusterParamsSchema = z.strictObject({ project_id: projectIdSchema, cluster_id: pathIdSchema });

/** Seed 4.1.3 query (lines 1917-1924). */
export const listClustersQuerySchema = z.strictObject({
  detail: booleanStringSchema.optional(),
  status: z.enum(clusterPhases, { error: 'status must be one of the documented cluster phases' }).optional(),
  type: z.enum(clusterTypes, { error: 'type must be "VirtualMachine"' }).optional(),
  version: z.string().max(32, 'version must be at most 32 characters').optional(),
});
export type ListClustersQuery = z.input<typeof listClustersQuerySchema>;

/** Seed 4.1.2 query (line 1518): detail=true puts the installed add-ons into the annotations. */
export const getClusterQuerySchema = z.strictObject({ detail: booleanStringSchema.optional() });

// ---------------------------------------------------------------------------------------------------------------
// createCluster body (seed 4.1.1 tables 4-3 … 4-15, lines 766-903)
// ---------------------------------------------------------------------------------------------------------------

const createClusterMetadataSchema = requestObject('metadata', {
  name: clusterNameSchema('metadata.name'),
  // Server-generated, "input is ignored" (line 779).
  uid: optionalString('metadata.uid'),
  alias: clusterNameSchema('metadata.alias', { allowEmpty: true }).optional(),
  // Not persisted; only the add-on install key is meaningful (line 781). Its value must decode.
  annotations: z
    .record(z.string(), z.string({ error: 'every metadata.annotations value must be a string' }), {
      error: 'metadata.annotations must be a map of strings',
    })
    .superRefine((annotations, ctx) => {
      const value = annotations[addonInstallAnnotationKey];
      if (value === undefined) return;
      const result = addonInstallAnnotationValueSchema.safeParse(value);
      for (const issue of result.error?.issues ?? []) {
        ctx.addIssue({
          code: 'custom',
          path: [addonInstallAnnotationKey, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          message: `metadata.annotations["${addonInstallAnnotationKey}"]: ${issue.message}`,
        });
      }
    })
    .optional(),
  // System-generated (feature gates); user input is ignored (line 782).
  labels: z.record(z.string(), z.string(), { error: 'metadata.labels must be a map of strings' }).optional(),
  creationTimestamp: optionalString('metadata.creationTimestamp'),
  updateTimestamp: optionalString('metadata.updateTimestamp'),
});

/**
 * S6: the seed example nests these three under eniNetwork (lines 1085-1089); the tables and the SDK samples put them
 * under spec.
 */
const misplacedEniKeys = ['enableSWRImageAccess', 'enableSnat', 'serviceNetwork'];

const createClusterSpecSchema = requestObject('spec', {
  category: z
    .enum(clusterCategories, { error: 'spec.category must be "Turbo" (the only Autopilot category)' })
    .optional(),
  type: z.enum(clusterTypes, { error: 'spec.type must be "VirtualMachine" (x86 masters)' }).optional(),
  flavor: z.enum(clusterFlavors, {
    error: (issue) =>
      issue.input === undefined
        ? 'spec.flavor is required ("cce.autopilot.cluster")'
        : 'spec.flavor must be "cce.autopilot.cluster"',
  }),
  // Default: the latest version (line 794).
  version: z
    .string({ error: 'spec.version must be a string such as "v1.28"' })
    .min(1, 'spec.version must not be empty')
    .optional(),
  // Not user-settable, chosen by the service (line 797).
  platformVersion: optionalString('spec.platformVersion'),
  description: clusterDescriptionSchema('spec.description').optional(),
  // Not supported by Autopilot (line 799); the documented rules still apply.
  customSan: customSanSchema('spec.customSan').optional(),
  enableSnat: optionalBoolean('spec.enableSnat'),
  enableSWRImageAccess: optionalBoolean('spec.enableSWRImageAccess'),
  enableAutopilot: optionalBoolean('spec.enableAutopilot'),
  // Not supported by Autopilot (line 805).
  ipv6enable: optionalBoolean('spec.ipv6enable'),
  hostNetwork: requestObject('spec.hostNetwork', {
    vpc: requiredString('spec.hostNetwork.vpc'),
    // Table 4-6 marks subnet required (line 827), but the request example (lines 1068-1070) and all three SDK
    // samples (lines 1227, 1328, 1433) send only vpc, and the service fills it in (response line 1120): optional.
    subnet: requiredString('spec.hostNetwork.subnet').optional(),
  }),
  containerNetwork: requestObject('spec.containerNetwork', {
    mode: z.enum(containerNetworkModes, {
      error: (issue) =>
        issue.input === undefined
          ? 'spec.containerNetwork.mode is required ("eni")'
          : 'spec.containerNetwork.mode must be "eni" (Cloud Native Network 2.0)',
    }),
  }),
  eniNetwork: requestObject(
    'spec.eniNetwork',
    {
      subnets: subnetListSchema('spec.eniNetwork.subnets').min(
        1,
        'spec.eniNetwork.subnets must list at least one subnet',
      ),
    },
    (keys) =>
      keys.every((key) => misplacedEniKeys.includes(key))
        ? `spec.eniNetwork accepts only subnets: ${keys.join(', ')} belong directly under spec`
        : `spec.eniNetwork has unknown field(s): ${keys.join(', ')}; it accepts only subnets`,
  ).optional(),
  serviceNetwork: requestObject('spec.serviceNetwork', {
    IPv4CIDR: cidrSchema('spec.serviceNetwork.IPv4CIDR').optional(),
  }).optional(),
  authentication: requestObject('spec.authentication', {
    mode: z.enum(authenticationModes, { error: 'spec.authentication.mode must be "rbac"' }).default('rbac'),
  }).default({ mode: 'rbac' }),
  billingMode: z.literal(0, { error: 'spec.billingMode must be 0 (on-demand, the only billing mode)' }).default(0),
  // Deprecated in favour of serviceNetwork (line 812).
  kubernetesSvcIpRange: cidrSchema('spec.kubernetesSvcIpRange').optional(),
  clusterTags: z
    .array(resourceTagSchema, { error: 'spec.clusterTags must be a list of {key, value}' })
    .max(maxTagsPerCluster, `spec.clusterTags must have at most ${maxTagsPerCluster} tags`)
    .superRefine(checkUniqueTagKeys)
    .optional(),
  kubeProxyMode: z.enum(kubeProxyModes, { error: 'spec.kubeProxyMode must be "iptables"' }).default('iptables'),
  // Returned by queries only (line 817).
  az: optionalString('spec.az'),
  extendParam: requestObject('spec.extendParam', {
    enterpriseProjectId: optionalString('spec.extendParam.enterpriseProjectId'),
    upgradefrom: optionalString('spec.extendParam.upgradefrom'),
    // N2: examples spell it upgradeFrom; accepted and sent as the table's upgradefrom.
    upgradeFrom: optionalString('spec.extendParam.upgradeFrom'),
  })
    .transform(({ upgradeFrom, ...param }) => {
      if (param.upgradefrom === undefined && upgradeFrom !== undefined) param.upgradefrom = upgradeFrom;
      return param;
    })
    .optional(),
  // Not supported by Autopilot (line 819).
  configurationsOverride: z
    .array(
      requestObject('spec.configurationsOverride[]', {
        name: optionalString('spec.configurationsOverride[].name'),
        configurations: z
          .array(
            requestObject('spec.configurationsOverride[].configurations[]', {
              name: optionalString('spec.configurationsOverride[].configurations[].name'),
              value: z.unknown().optional(),
            }),
          )
          .optional(),
      }),
      { error: 'spec.configurationsOverride must be a list' },
    )
    .optional(),
}).transform((spec) => ({
  ...spec,
  // Default "10.247.0.0/16" (lines 812, 847); the deprecated kubernetesSvcIpRange still counts when it is the only one.
  serviceNetwork: { IPv4CIDR: spec.serviceNetwork?.IPv4CIDR ?? spec.kubernetesSvcIpRange ?? defaultServiceCidr },
}));

/** Status is documented as an optional part of the create body (table 4-3); the service ignores it. */
const createClusterStatusSchema = requestObject('status', {
  phase: z.enum(clusterPhases, { error: 'status.phase must be one of the documented cluster phases' }).optional(),
  jobID: optionalString('status.jobID'),
  reason: optionalString('status.reason'),
  message: optionalString('status.message'),
  endpoints: z
    .array(
      requestObject('status.endpoints[]', {
        url: optionalString('status.endpoints[].url'),
        type: z
          .enum(clusterEndpointTypes, { error: 'status.endpoints[].type must be "Internal" or "External"' })
          .optional(),
      }),
    )
    .optional(),
  isLocked: optionalBoolean('status.isLocked'),
  lockScene: optionalString('status.lockScene'),
  lockSource: optionalString('status.lockSource'),
  lockSourceId: optionalString('status.lockSourceId'),
});

/** Seed 4.1.1 request body (table 4-3, line 766). */
export const createClusterBodySchema = requestObject('body', {
  // Fixed "Cluster" or "cluster" (line 768); every example and SDK sample sends it.
  kind: z.enum(['Cluster', 'cluster'], {
    error: (issue) =>
      issue.input === undefined ? 'kind is required ("Cluster")' : 'kind must be "Cluster" or "cluster"',
  }),
  // Fixed "v3" (line 769): the only value, so it defaults to it.
  apiVersion: z.enum(['v3'], { error: 'apiVersion must be "v3"' }).default('v3'),
  metadata: createClusterMetadataSchema,
  spec: createClusterSpecSchema,
  status: createClusterStatusSchema.optional(),
});
export type CreateClusterBody = z.input<typeof createClusterBodySchema>;
export type ParsedCreateClusterBody = z.output<typeof createClusterBodySchema>;

// ---------------------------------------------------------------------------------------------------------------
// updateCluster body (seed 4.1.4 tables 4-72 … 4-76, lines 2342-2368)
// ---------------------------------------------------------------------------------------------------------------

export const updateClusterBodySchema = requestObject('body', {
  spec: requestObject('spec', {
    description: clusterDescriptionSchema('spec.description').optional(),
    // Not supported by Autopilot (line 2353); the documented rules still apply.
    customSan: customSanSchema('spec.customSan').optional(),
    // Add-only, and must list every existing subnet (line 2358): see checkEniSubnetsAddOnly.
    eniNetwork: requestObject('spec.eniNetwork', {
      subnets: subnetListSchema('spec.eniNetwork.subnets').optional(),
    }).optional(),
  }),
  metadata: requestObject('metadata', {
    // Empty = unchanged (line 2368); uniqueness is a state rule: see checkClusterAliasUnique.
    alias: clusterNameSchema('metadata.alias', { allowEmpty: true }).optional(),
  }).optional(),
});
export type UpdateClusterBody = z.input<typeof updateClusterBodySchema>;

/**
 * Seed 4.1.4 line 2358: subnets can only be added; the request must contain every existing subnet. Returns the
 * sentence to answer with (400) or null when the requested list is acceptable.
 */
export function checkEniSubnetsAddOnly(
  existing: readonly ({ subnetID: string } | string)[],
  requested: readonly ({ subnetID: string } | string)[],
): string | null {
  const id = (s: { subnetID: string } | string) => (typeof s === 'string' ? s : s.subnetID);
  const requestedIds = requested.map(id);
  const seen = new Set<string>();
  for (const subnet of requestedIds) {
    if (seen.has(subnet)) return `spec.eniNetwork.subnets lists subnet ${subnet} twice`;
    seen.add(subnet);
  }
  const missing = existing.map(id).filter((subnet) => !seen.has(subnet));
  if (missing.length > 0) {
    return (
      'spec.eniNetwork.subnets must include every existing subnet (subnets can only be added, not removed); ' +
      `missing: ${missing.join(', ')}`
    );
  }
  return null;
}

/** Seed 4.1.4 line 2351: the description can be changed only while the cluster is Available. */
export function checkDescriptionUpdateAllowed(
  phase: string | null | undefined,
  body: { spec?: { description?: string | undefined } | undefined },
): string | null {
  if (body.spec?.description === undefined || phase === 'Available') return null;
  return `spec.description can be changed only while the cluster is Available (it is ${phase ?? 'unknown'})`;
}

/**
 * Seed 4.1.1 line 780 / 4.1.4 line 2368: an alias must differ from every other cluster's name and alias.
 * `self` is the cluster being updated (or undefined on create); "" means "no alias" and never conflicts.
 */
export function checkClusterAliasUnique(
  alias: string | null | undefined,
  clusters: readonly { metadata: { name: string; uid?: string | null; alias?: string | null } }[],
  self?: { name: string; uid?: string | null },
): string | null {
  if (!alias) return null;
  const conflict = clusters.find((c) => {
    const isSelf = self !== undefined && (self.uid ? c.metadata.uid === self.uid : c.metadata.name === self.name);
    return !isSelf && (c.metadata.name === alias || c.metadata.alias === alias);
  });
  return conflict
    ? `metadata.alias "${alias}" is already used as the name or alias of cluster ${conflict.metadata.name}`
    : null;
}

// ---------------------------------------------------------------------------------------------------------------
// deleteCluster query (seed 4.1.5 table 4-93, lines 2805-2812)
// ---------------------------------------------------------------------------------------------------------------

/** true|block = delete, a failure blocks; try = delete, ignore failures; false|skip = skip. */
export const deleteResourcePolicies = ['true', 'block', 'try', 'false', 'skip'] as const;
export type DeleteResourcePolicy = (typeof deleteResourcePolicies)[number];
/** LTS log resources: Delete_Log_Group, Delete_Master_Log_Stream (default), Retain. */
export const ltsReclaimPolicies = ['Delete_Log_Group', 'Delete_Master_Log_Stream', 'Retain'] as const;
export type LtsReclaimPolicy = (typeof ltsReclaimPolicies)[number];

function deletePolicySchema(field: string) {
  return z.enum(deleteResourcePolicies, { error: `${field} must be one of true, block, try, false, skip` }).optional();
}

export const deleteClusterQuerySchema = z.strictObject({
  delete_efs: deletePolicySchema('delete_efs'),
  delete_eni: deletePolicySchema('delete_eni'),
  delete_net: deletePolicySchema('delete_net'),
  delete_obs: deletePolicySchema('delete_obs'),
  delete_sfs30: deletePolicySchema('delete_sfs30'),
  lts_reclaim_policy: z
    .enum(ltsReclaimPolicies, {
      error: 'lts_reclaim_policy must be one of Delete_Log_Group, Delete_Master_Log_Stream, Retain',
    })
    .optional(),
});
export type DeleteClusterQuery = z.input<typeof deleteClusterQuerySchema>;

/** Defaults per flag (lines 2805-2812): storage is skipped, ENIs and networking are deleted. */
export const deleteClusterDefaults = {
  delete_efs: 'skip',
  delete_eni: 'block',
  delete_net: 'block',
  delete_obs: 'skip',
  delete_sfs30: 'skip',
  lts_reclaim_policy: 'Delete_Master_Log_Stream',
} as const satisfies Required<DeleteClusterQuery>;

/** Folds the synonyms: true -> block, false -> skip. */
export function normaliseDeletePolicy(policy: DeleteResourcePolicy): 'block' | 'try' | 'skip' {
  if (policy === 'true' || policy === 'block') return 'block';
  if (policy === 'false' || policy === 'skip') return 'skip';
  return 'try';
}

/** The effective delete options of a query (defaults applied, synonyms folded), for the emulator and the UI. */
export function resolveDeleteClusterOptions(query: DeleteClusterQuery) {
  return {
    delete_efs: normaliseDeletePolicy(query.delete_efs ?? deleteClusterDefaults.delete_efs),
    delete_eni: normaliseDeletePolicy(query.delete_eni ?? deleteClusterDefaults.delete_eni),
    delete_net: normaliseDeletePolicy(query.delete_net ?? deleteClusterDefaults.delete_net),
    delete_obs: normaliseDeletePolicy(query.delete_obs ?? deleteClusterDefaults.delete_obs),
    delete_sfs30: normaliseDeletePolicy(query.delete_sfs30 ?? deleteClusterDefaults.delete_sfs30),
    lts_reclaim_policy: query.lts_reclaim_policy ?? deleteClusterDefaults.lts_reclaim_policy,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------

export const clusterOperations = {
  createCluster: defineOperation({
    id: 'createCluster',
    section: '4.1.1',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters',
    pathParams: projectParamsSchema,
    query: noQuerySchema,
    body: createClusterBodySchema,
    bodyKind: 'json',
    successStatus: 201,
    response: clusterSchema,
    responseKind: 'json',
  }),
  listClusters: defineOperation({
    id: 'listClusters',
    section: '4.1.3',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters',
    pathParams: projectParamsSchema,
    query: listClustersQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: clusterListSchema,
    responseKind: 'json',
  }),
  getCluster: defineOperation({
    id: 'getCluster',
    section: '4.1.2',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}',
    pathParams: clusterParamsSchema,
    query: getClusterQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: clusterSchema,
    responseKind: 'json',
  }),
  updateCluster: defineOperation({
    id: 'updateCluster',
    section: '4.1.4',
    method: 'PUT',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}',
    pathParams: clusterParamsSchema,
    query: noQuerySchema,
    body: updateClusterBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: clusterSchema,
    responseKind: 'json',
  }),
  deleteCluster: defineOperation({
    id: 'deleteCluster',
    section: '4.1.5',
    method: 'DELETE',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}',
    pathParams: clusterParamsSchema,
    query: deleteClusterQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    // The cluster as it enters deletion, with status.jobID, deleteOption and deleteStatus (lines 894-895).
    response: clusterSchema,
    responseKind: 'json',
  }),
};
