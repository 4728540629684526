// Releases, i.e. template instances (seed 4.6.3, 4.6.4, 4.6.7, 4.6.9, 4.6.10, 4.6.13; seed 004 is the newer 4.6.7),
// under /autopilot/cam/v3/clusters/{cluster_id}/... with the singular `namespace` segment (digest P5).
// ReleaseResp keys stay snake_case as documented (digest §1.3).
import { z } from 'zod';
import { nullishString, openEnum, pathIdSchema, requestObjectError, requiredString, timestampSchema } from './common.ts';
import { chartIdSchema, jsonObjectFieldSchema, listResponseSchema } from './charts.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

/** Release status, tables 4-392/4-398/4-411/4-420/4-430 (line 15315 etc.) and 004:311-327. */
export const releaseStatuses = [
  'DEPLOYED',
  'DELETED',
  'FAILED',
  'DELETING',
  'PENDING_INSTALL',
  'PENDING_UPGRADE',
  'PENDING_ROLLBACK',
  'UNKNOWN',
] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];

/** Statuses that end by themselves: the console polls while a release is in one of these (digest §8.2). */
export const transitionalReleaseStatuses = [
  'PENDING_INSTALL',
  'PENDING_UPGRADE',
  'PENDING_ROLLBACK',
  'DELETING',
] as const satisfies readonly ReleaseStatus[];

export const releaseStatusSchema = openEnum(releaseStatuses);

/** Helm 3's limit on release names (the service installs charts with Helm). */
export const maxReleaseNameLength = 53;
/** Kubernetes limit on a namespace name (DNS-1123 label). */
export const maxNamespaceLength = 63;

/**
 * Release name. The document only says "模板实例名称" (release name, table 4-395); the releases are Helm releases,
 * so Helm 3's rule applies [inferred]: at most 53 characters, lower-case letters, digits, "-" and ".", starting and
 * ending with a letter or digit (DNS-1123 subdomain shape).
 */
function releaseNameRules(field: string) {
  return requiredString(field)
    .max(maxReleaseNameLength, `${field} must be at most ${maxReleaseNameLength} characters`)
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      `${field} must contain only lower-case letters, digits, "-" and ".", and start and end with a letter or digit`,
    );
}

/** Namespace: a Kubernetes namespace name, i.e. a DNS-1123 label (at most 63 characters) [inferred]. */
function namespaceRules(field: string) {
  return requiredString(field)
    .max(maxNamespaceLength, `${field} must be at most ${maxNamespaceLength} characters`)
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      `${field} must contain only lower-case letters, digits and "-", and start and end with a letter or digit`,
    );
}

export const releaseNameSchema = releaseNameRules('name');
export const releaseNamespaceSchema = namespaceRules('namespace');

/**
 * ReleaseReqBodyParams, tables 4-396 (create, lines 15556-15566) and 4-409 (update, lines 16368-16376), 004 table 4;
 * every field optional. `include_resources` is not in 003, 004 nor the Go SDK model, so it is not accepted.
 */
export const releaseParametersSchema = z.strictObject(
  {
    dry_run: z.boolean({ error: 'parameters.dry_run must be true or false' }).optional(),
    name_template: z.string({ error: 'parameters.name_template must be a string' }).optional(),
    no_hooks: z.boolean({ error: 'parameters.no_hooks must be true or false' }).optional(),
    replace: z.boolean({ error: 'parameters.replace must be true or false' }).optional(),
    recreate: z.boolean({ error: 'parameters.recreate must be true or false' }).optional(),
    reset_values: z.boolean({ error: 'parameters.reset_values must be true or false' }).optional(),
    // Integer: the revision to roll back to; revisions start at 1.
    release_version: z
      .number({ error: 'parameters.release_version must be an integer revision' })
      .int('parameters.release_version must be an integer revision')
      .min(1, 'parameters.release_version must be at least 1')
      .optional(),
    include_hooks: z.boolean({ error: 'parameters.include_hooks must be true or false' }).optional(),
  },
  requestObjectError(
    'parameters',
    'dry_run, name_template, no_hooks, replace, recreate, reset_values, release_version, include_hooks',
  ),
);
export type ReleaseParameters = z.infer<typeof releaseParametersSchema>;

/**
 * Release values: tables 4-397/4-410 list only imagePullPolicy and imageTag, but the 4.6.4 example passes a whole
 * chart values tree (digest S16, sdk-fidelity §5): a free-form map.
 */
export const releaseValuesSchema = z.record(z.string(), z.unknown(), {
  error: 'values must be an object of chart values',
});

const chartVersionSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'version is required' : 'version must be a string') })
  .min(1, 'version must not be empty (the chart version, e.g. "3.0.1")');

/**
 * 4.6.4 table 4-395 (lines 15545-15552): chart_id, name, namespace, version and values required; description and
 * parameters optional. The 4.6.4 example also sends project_id and cluster_id (digest S16); neither is a body field
 * (the cluster comes from the path, sdk-fidelity §7.3), so they are refused.
 */
export const createReleaseBodySchema = z.strictObject(
  {
    chart_id: chartIdSchema,
    name: releaseNameSchema,
    namespace: releaseNamespaceSchema,
    version: chartVersionSchema,
    description: z.string({ error: 'description must be a string' }).optional(),
    parameters: releaseParametersSchema.optional(),
    values: releaseValuesSchema,
  },
  requestObjectError(
    'the createRelease body',
    'chart_id, name, namespace, version, description, parameters, values (the cluster comes from the path)',
  ),
);
export type CreateReleaseBody = z.input<typeof createReleaseBodySchema>;

/** Update action, table 4-408 (line 16362) and 004 table 3: upgrade, or roll back. */
export const releaseActions = ['upgrade', 'rollback'] as const;
export type ReleaseAction = (typeof releaseActions)[number];

/**
 * 4.6.7 table 4-408 (lines 16360-16365): chart_id, action, parameters and values all required (003; the 004 page lost
 * its required column, digest §11.4).
 */
export const updateReleaseBodySchema = z.strictObject(
  {
    chart_id: chartIdSchema,
    action: z.enum(releaseActions, { error: 'action must be "upgrade" or "rollback"' }),
    parameters: releaseParametersSchema,
    values: releaseValuesSchema,
  },
  requestObjectError('the updateRelease body', 'chart_id, action, parameters, values'),
);
export type UpdateReleaseBody = z.input<typeof updateReleaseBodySchema>;

/**
 * ReleaseResp `version`: the integer revision (tables 4-392 etc.); tolerated as a numeric string and normalised to a
 * number; null when absent.
 */
const releaseRevisionSchema = z
  .union([z.number(), z.string().regex(/^\d+$/, 'version must be an integer revision')])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : Number(value)));

/**
 * ReleaseResp (tables 4-392, 4-398, 4-411, 4-420, 4-430; 004 table 6). values/parameters/resources are typed String:
 * JSON-encoded, "" when empty (every example and the published twins hold-11/13/21/22/26/34); they normalise to
 * objects. Undocumented keys (the 4.6.3 example's `id` and `label`, digest S17) pass through.
 */
export const releaseSchema = z.looseObject({
  chart_name: nullishString,
  chart_public: z.boolean().nullish(),
  chart_version: nullishString,
  cluster_id: nullishString,
  cluster_name: nullishString,
  create_at: timestampSchema,
  description: nullishString,
  name: nullishString,
  namespace: nullishString,
  parameters: jsonObjectFieldSchema,
  resources: jsonObjectFieldSchema,
  status: releaseStatusSchema.nullish(),
  status_description: nullishString,
  update_at: timestampSchema,
  values: jsonObjectFieldSchema,
  version: releaseRevisionSchema,
});
export type Release = z.infer<typeof releaseSchema>;

/**
 * 4.6.3 list and 4.6.13 history: typed `Array<Array<ReleaseResp>>` (lines 15297, 17858) while the examples are flat
 * arrays (digest S3); nested arrays are flattened, a wrapped `{items|releases: [...]}` form is accepted too.
 */
export const releaseListSchema = listResponseSchema(releaseSchema, ['items', 'releases']);
export type ReleaseList = z.infer<typeof releaseListSchema>;

/**
 * 4.6.9 table 4-417 (line 16970) types the 200 body as an unnamed String (no example); the published CCE twin
 * (hold-13) returns the release object in DELETING. Normalised to `{release, message}`.
 */
export const deleteReleaseResultSchema = z
  .union([releaseSchema, z.string(), z.null(), z.undefined()])
  .transform((value) =>
    typeof value === 'string' || value === null || value === undefined
      ? { release: null, message: value ?? null }
      : { release: value, message: null },
  );
export type DeleteReleaseResult = z.infer<typeof deleteReleaseResultSchema>;

/** 4.6.3 query, table 4-389 (lines 15276-15279). */
export const listReleasesQuerySchema = z.strictObject({
  chart_id: chartIdSchema.optional(),
  namespace: releaseNamespaceSchema.optional(),
});
export type ListReleasesQuery = z.input<typeof listReleasesQuerySchema>;

export const clusterReleasesParamsSchema = z.strictObject({ cluster_id: pathIdSchema });
/** Tables 4-406/4-415/4-418/4-427: name (release), namespace, cluster_id. */
export const releaseParamsSchema = z.strictObject({
  cluster_id: pathIdSchema,
  namespace: releaseNamespaceSchema,
  name: releaseNameSchema,
});
export type ReleaseParams = z.input<typeof releaseParamsSchema>;

export const releaseOperations = {
  listReleases: defineOperation({
    id: 'listReleases',
    section: '4.6.3',
    method: 'GET',
    path: '/autopilot/cam/v3/clusters/{cluster_id}/releases',
    pathParams: clusterReleasesParamsSchema,
    query: listReleasesQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: releaseListSchema,
    responseKind: 'json',
  }),
  createRelease: defineOperation({
    id: 'createRelease',
    section: '4.6.4',
    method: 'POST',
    path: '/autopilot/cam/v3/clusters/{cluster_id}/releases',
    pathParams: clusterReleasesParamsSchema,
    query: noQuerySchema,
    body: createReleaseBodySchema,
    bodyKind: 'json',
    successStatus: 201,
    response: releaseSchema,
    responseKind: 'json',
  }),
  updateRelease: defineOperation({
    id: 'updateRelease',
    section: '4.6.7',
    method: 'PUT',
    path: '/autopilot/cam/v3/clusters/{cluster_id}/namespace/{namespace}/releases/{name}',
    pathParams: releaseParamsSchema,
    query: noQuerySchema,
    body: updateReleaseBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: releaseSchema,
    responseKind: 'json',
  }),
  deleteRelease: defineOperation({
    id: 'deleteRelease',
    section: '4.6.9',
    method: 'DELETE',
    path: '/autopilot/cam/v3/clusters/{cluster_id}/namespace/{namespace}/releases/{name}',
    pathParams: releaseParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: deleteReleaseResultSchema,
    responseKind: 'json',
  }),
  getRelease: defineOperation({
    id: 'getRelease',
    section: '4.6.10',
    method: 'GET',
    path: '/autopilot/cam/v3/clusters/{cluster_id}/namespace/{namespace}/releases/{name}',
    pathParams: releaseParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: releaseSchema,
    responseKind: 'json',
  }),
  getReleaseHistory: defineOperation({
    id: 'getReleaseHistory',
    section: '4.6.13',
    method: 'GET',
    path: '/autopilot/cam/v3/clusters/{cluster_id}/namespace/{namespace}/releases/{name}/history',
    pathParams: releaseParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: releaseListSchema,
    responseKind: 'json',
  }),
};
