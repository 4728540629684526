// Cluster access (seed 4.1.6, 4.1.8, 4.1.9): the kubeconfig certificate, binding/unbinding the public API server
// address (EIP), and the access addresses.
import { z } from 'zod';
import { clusterParamsSchema, requestObject } from './clusters.ts';
import { nullishString, openEnum, stringMapSchema, timestampSchema } from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

// ---------------------------------------------------------------------------------------------------------------
// createClusterCert (4.1.6, lines 3207-3528)
// ---------------------------------------------------------------------------------------------------------------

/** Seed 4.1.6 table 4-112 (line 3242): 1..1827 days (5 years; 1826 when the 5 years hold one leap day), or -1. */
export const minCertDurationDays = 1;
export const maxCertDurationDays = 1827;
/** -1 asks for the maximum (5 years). */
export const maxCertDurationSentinel = -1;
/** Response header carrying the port ID of the control node (table 4-113, line 3251). */
export const clusterCertPortIdHeader = 'Port-ID';

const durationRule =
  `a whole number of days from ${minCertDurationDays} to ${maxCertDurationDays}, ` +
  `or ${maxCertDurationSentinel} for the 5-year maximum`;
const durationMessage = `duration must be ${durationRule}`;

export const createClusterCertBodySchema = requestObject('body', {
  duration: z
    .number({
      error: (issue) => (issue.input === undefined ? `duration is required: ${durationRule}` : durationMessage),
    })
    .int(durationMessage)
    .refine(
      (days) => days === maxCertDurationSentinel || (days >= minCertDurationDays && days <= maxCertDurationDays),
      { message: durationMessage },
    ),
});
export type CreateClusterCertBody = z.input<typeof createClusterCertBodySchema>;

/** Table 4-115 / 4-119 (lines 3264-3301): names used in the kubeconfig. */
export const kubeconfigClusterNames = ['internalCluster', 'externalCluster'] as const;
export const kubeconfigContextNames = ['internal', 'external'] as const;
export const kubeconfigUserName = 'user';

/** Table 4-116 ClusterCert; `insecure-skip-tls-verify` is true for externalCluster. */
export const kubeconfigClusterSchema = z.looseObject({
  name: openEnum(kubeconfigClusterNames),
  cluster: z.looseObject({
    server: z.string(),
    'certificate-authority-data': nullishString,
    'insecure-skip-tls-verify': z.boolean().nullish(),
  }),
});

/** Table 4-117 / 4-118. */
export const kubeconfigUserSchema = z.looseObject({
  name: z.string(),
  user: z.looseObject({
    'client-certificate-data': nullishString,
    'client-key-data': nullishString,
  }),
});

/** Table 4-119 / 4-120. */
export const kubeconfigContextSchema = z.looseObject({
  name: openEnum(kubeconfigContextNames),
  context: z.looseObject({ cluster: z.string(), user: z.string() }),
});

/**
 * Table 4-114: a Kubernetes v1.Config in JSON with its hyphenated keys kept (the console offers it as a file, so
 * it must stay a valid kubeconfig). Lists are never null here (kubectl refuses null lists): null/absent -> [].
 */
export const kubeconfigSchema = z.looseObject({
  kind: nullishString,
  apiVersion: nullishString,
  preferences: z.record(z.string(), z.unknown()).nullish().transform((value) => value ?? {}),
  clusters: z.array(kubeconfigClusterSchema).nullish().transform((value) => value ?? []),
  users: z.array(kubeconfigUserSchema).nullish().transform((value) => value ?? []),
  contexts: z.array(kubeconfigContextSchema).nullish().transform((value) => value ?? []),
  // "external" when the cluster has a public IP, else "internal".
  'current-context': openEnum(kubeconfigContextNames).nullish(),
});
export type Kubeconfig = z.infer<typeof kubeconfigSchema>;

// ---------------------------------------------------------------------------------------------------------------
// EIP spec shared by updateClusterEip (4.1.8) and getClusterEndpoints (4.1.9)
// ---------------------------------------------------------------------------------------------------------------

/** Seed 4.1.8 table 4-131 (line 3885). */
export const eipActions = ['bind', 'unbind'] as const;
export type EipAction = (typeof eipActions)[number];
/**
 * Bandwidth share type: PER in the examples (line 3982); WHOLE (shared bandwidth) is the VPC EIP API's other value
 * [inferred].
 */
export const bandwidthShareTypes = ['PER', 'WHOLE'] as const;

/** Table 4-134 / 4-143 Metadata. */
export const accessMetadataSchema = z.looseObject({
  uid: nullishString,
  name: nullishString,
  labels: stringMapSchema,
  annotations: stringMapSchema,
  updateTimestamp: timestampSchema,
  creationTimestamp: timestampSchema,
});

/** Table 4-137 / 4-138; the 4.1.9 example sends an empty bandwidth {} when no EIP is bound (line 4288). */
export const eipBandwidthSchema = z.looseObject({
  size: z.number().nullish(),
  sharetype: openEnum(bandwidthShareTypes).nullish(),
});

/**
 * Table 4-136 / 4-145. N3: the tables and published examples say `IsDynamic` (lines 3930, 4253), the seed
 * examples `isDynamic` (lines 3985, 4290): normalised to `isDynamic`. `id` is the EIP ID although the table calls it
 * an "elastic NIC ID" (R4).
 */
export const eipSpecSchema = z
  .looseObject({
    id: nullishString,
    eip: z.looseObject({ bandwidth: eipBandwidthSchema.nullish() }).nullish(),
    isDynamic: z.boolean().nullish(),
    IsDynamic: z.boolean().nullish(),
  })
  .transform(({ IsDynamic, ...spec }) => ({ ...spec, isDynamic: spec.isDynamic ?? IsDynamic ?? null }));
export type EipSpec = z.infer<typeof eipSpecSchema>;

/** Table 4-139 / 4-148. publicEndpoint is "" when no EIP is bound (line 4295); null/absent is read as "". */
export const accessStatusSchema = z.looseObject({
  privateEndpoint: nullishString,
  publicEndpoint: z
    .string()
    .nullish()
    .transform((value) => value ?? ''),
});
export type AccessStatus = z.infer<typeof accessStatusSchema>;

/** True when the cluster's API server has a public address. */
export function hasPublicEndpoint(status: Pick<AccessStatus, 'publicEndpoint'> | null | undefined): boolean {
  return Boolean(status?.publicEndpoint);
}

// ---------------------------------------------------------------------------------------------------------------
// updateClusterEip (4.1.8, lines 3845-4190)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Table 4-131 MasterEIPRequestSpec. `action` is marked optional but described as mandatory (R3): required here.
 * `spec.id` is required for bind and ignored for unbind (line 3893). `bandwidth` and `elasticip` are deprecated
 * ("no longer effective"); the SDK spells the latter `elasticIp` (sdk-fidelity §6): both accepted, sent as the
 * table's `elasticip`.
 */
export const updateClusterEipBodySchema = requestObject('body', {
  spec: requestObject('spec', {
    action: z.enum(eipActions, {
      error: (issue) =>
        issue.input === undefined
          ? 'spec.action is required ("bind" or "unbind")'
          : 'spec.action must be "bind" or "unbind"',
    }),
    spec: requestObject('spec.spec', {
      id: z.string({ error: 'spec.spec.id must be a string (the EIP ID)' }).optional(),
    }).optional(),
    bandwidth: z.string({ error: 'spec.bandwidth must be a string' }).optional(),
    elasticip: z.string({ error: 'spec.elasticip must be a string' }).optional(),
    elasticIp: z.string({ error: 'spec.elasticIp must be a string' }).optional(),
  })
    .superRefine((spec, ctx) => {
      if (spec.action === 'bind' && !spec.spec?.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'id'],
          message: 'spec.spec.id (the ID of the EIP to bind) is required when spec.action is "bind"',
        });
      }
    })
    .transform(({ elasticIp, ...spec }) => {
      if (spec.elasticip === undefined && elasticIp !== undefined) spec.elasticip = elasticIp;
      return spec;
    }),
});
export type UpdateClusterEipBody = z.input<typeof updateClusterEipBodySchema>;

/**
 * Table 4-135 MasterEIPResponseSpec. N4: the table says `elasticip` (line 3923), the example and the SDK
 * `elasticIp` (line 3987): normalised to `elasticIp`.
 */
export const masterEipResponseSpecSchema = z
  .looseObject({
    action: openEnum(eipActions).nullish(),
    spec: eipSpecSchema.nullish(),
    elasticIp: nullishString,
    elasticip: nullishString,
  })
  .transform(({ elasticip, ...spec }) => ({ ...spec, elasticIp: spec.elasticIp ?? elasticip ?? null }));

export const masterEipSchema = z.looseObject({
  metadata: accessMetadataSchema.nullish(),
  spec: masterEipResponseSpecSchema.nullish(),
  status: accessStatusSchema.nullish(),
});
export type MasterEip = z.infer<typeof masterEipSchema>;

/**
 * Bind answers with the object; unbind answers 200 with no body (line 3970): an empty body (undefined, null or
 * "") parses to undefined.
 */
export const updateClusterEipResponseSchema = z
  .union([masterEipSchema, z.undefined(), z.null(), z.literal('')])
  .transform((value) => (value === null || value === '' ? undefined : value));
export type UpdateClusterEipResult = z.infer<typeof updateClusterEipResponseSchema>;

// ---------------------------------------------------------------------------------------------------------------
// getClusterEndpoints (4.1.9, lines 4191-4459)
// ---------------------------------------------------------------------------------------------------------------

/** Table 4-142: {metadata, spec: OpenAPISpec {spec}, status}. */
export const clusterEndpointsSchema = z.looseObject({
  metadata: accessMetadataSchema.nullish(),
  spec: z.looseObject({ spec: eipSpecSchema.nullish() }).nullish(),
  status: accessStatusSchema.nullish(),
});
export type ClusterEndpoints = z.infer<typeof clusterEndpointsSchema>;

export const clusterAccessOperations = {
  createClusterCert: defineOperation({
    id: 'createClusterCert',
    section: '4.1.6',
    method: 'POST',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/clustercert',
    pathParams: clusterParamsSchema,
    query: noQuerySchema,
    body: createClusterCertBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: kubeconfigSchema,
    responseKind: 'json',
  }),
  updateClusterEip: defineOperation({
    id: 'updateClusterEip',
    section: '4.1.8',
    method: 'PUT',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/mastereip',
    pathParams: clusterParamsSchema,
    query: noQuerySchema,
    body: updateClusterEipBodySchema,
    bodyKind: 'json',
    successStatus: 200,
    response: updateClusterEipResponseSchema,
    // JSON for bind; unbind has no body, which the response schema reads as undefined.
    responseKind: 'json',
  }),
  getClusterEndpoints: defineOperation({
    id: 'getClusterEndpoints',
    section: '4.1.9',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/clusters/{cluster_id}/openapi',
    pathParams: clusterParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: clusterEndpointsSchema,
    responseKind: 'json',
  }),
};
