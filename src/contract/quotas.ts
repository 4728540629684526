// Quotas (seed 4.4.1): GET /autopilot/v3/projects/{project_id}/quotas.
import { z } from 'zod';
import { lenientArray, nullishString, openEnum, projectIdSchema } from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

/** Quota keys seen in the documents: 4.4.1 example (line 14052) and the published CCE twin (hold-19). */
export const quotaKeys = ['autopilot_cluster', 'cluster'] as const;
/** Units seen in the documents (line 14055). */
export const quotaUnits = ['count'] as const;

/** Table 4-373 QuotaResource (lines 14030-14037): regionId / availabilityZoneId are omitted when not applicable. */
export const quotaResourceSchema = z.looseObject({
  quotaKey: openEnum(quotaKeys),
  quotaLimit: z.number(),
  used: z.number(),
  unit: openEnum(quotaUnits).nullish(),
  regionId: nullishString,
  availabilityZoneId: nullishString,
});
export type QuotaResource = z.infer<typeof quotaResourceSchema>;

/**
 * The seed (table 4-372, example lines 14050-14058) sends `quotas` as an array of QuotaResource; the published CCE
 * page (hold-19) wraps it as `quotas: {resources: [...]}`. Both normalise to the documented array.
 */
const quotaListSchema = z
  .union([
    lenientArray(quotaResourceSchema),
    z.looseObject({ resources: lenientArray(quotaResourceSchema) }).transform((wrapped) => wrapped.resources),
  ])
  .transform((quotas): QuotaResource[] => quotas);

export const quotasSchema = z.looseObject({ quotas: quotaListSchema });
export type Quotas = z.infer<typeof quotasSchema>;

export const quotaParamsSchema = z.strictObject({ project_id: projectIdSchema });

export const quotaOperations = {
  getQuotas: defineOperation({
    id: 'getQuotas',
    section: '4.4.1',
    method: 'GET',
    path: '/autopilot/v3/projects/{project_id}/quotas',
    pathParams: quotaParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: quotasSchema,
    responseKind: 'json',
  }),
};
