// Charts, i.e. templates (seed 4.6.1, 4.6.2, 4.6.5, 4.6.6, 4.6.8, 4.6.11, 4.6.12, 4.6.14), all under /autopilot/v2.
// ChartResp keys stay snake_case as documented (digest §1.3).
import { z } from 'zod';
import {
  jsonObjectOrStringSchema,
  lenientArray,
  nullishString,
  openEnum,
  projectIdSchema,
  requestObjectError,
  timestampSchema,
} from './common.ts';
import { defineOperation, noBodySchema, noQuerySchema } from './operation.ts';

/**
 * Chart id as used in paths and in release bodies (a UUID in every example, e.g. e99a7e86-afdd-11eb-aca3-0255ac100b0e).
 * The document gives no format; the same printable-id rule as the other path ids, with messages naming chart_id.
 */
export const chartIdSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'chart_id is required' : 'chart_id must be a string') })
  .min(1, 'chart_id must not be empty')
  .max(128, 'chart_id must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'chart_id must contain only letters, digits, ".", "_" and "-"');

/**
 * jsonObjectOrStringSchema for an object key that may be absent: a union holding z.undefined() is not "optional" for
 * zod 4's object parser (an absent key fails with "expected nonoptional"), so the optional wrapper comes first and the
 * absent value becomes {} too.
 */
export const jsonObjectFieldSchema = jsonObjectOrStringSchema.optional().transform((value) => value ?? {});

/**
 * A list response that the document types as a bare top-level array (listCharts table 4-386 line 15070; listReleases
 * and getReleaseHistory tables 4-391/4-429 type it `Array<Array<ReleaseResp>>`, digest S3, while their examples are
 * flat). Accepted: a flat array, an array of arrays (flattened), an object wrapping the array under one of
 * `wrapperKeys`, and null/absent (empty list). The output is always one flat array.
 */
export function listResponseSchema<T extends z.ZodType>(item: T, wrapperKeys: readonly string[]) {
  return z
    .preprocess(
      (value) => {
        if (value === null || value === undefined) return [];
        if (typeof value === 'object' && !Array.isArray(value)) {
          const record = value as Record<string, unknown>;
          for (const key of wrapperKeys) {
            if (key in record) return record[key] ?? [];
          }
        }
        return value;
      },
      z.array(z.union([z.array(item), item])),
    )
    .transform((entries) => entries.flat() as Array<z.output<T>>);
}

/**
 * ChartResp (tables 4-384, 4-387, 4-402, 4-414). `values` is typed String (the JSON of values.yaml, "" when empty)
 * but the 4.6.8 example (line 16761) sends an object (digest S4): both normalise to an object.
 */
export const chartSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  values: jsonObjectFieldSchema,
  translate: nullishString,
  instruction: nullishString,
  version: nullishString,
  description: nullishString,
  source: nullishString,
  icon_url: nullishString,
  public: z.boolean().nullish(),
  chart_url: nullishString,
  create_at: timestampSchema,
  update_at: timestampSchema,
});
export type Chart = z.infer<typeof chartSchema>;

/** 4.6.2: a bare array of ChartResp (line 15070); a wrapped `{items|charts: [...]}` form is accepted too. */
export const chartListSchema = listResponseSchema(chartSchema, ['items', 'charts']);
export type ChartList = z.infer<typeof chartListSchema>;

/**
 * 4.6.6 table 4-405 (line 16159) types the 200 body as an unnamed String (no example); the published CCE twin (hold-12)
 * returns the deleted chart object. Normalised to `{chart, message}`: the chart when an object came back, the text
 * when a string came back, null otherwise.
 */
export const deleteChartResultSchema = z
  .union([chartSchema, z.string(), z.null(), z.undefined()])
  .transform((value) =>
    typeof value === 'string' || value === null || value === undefined
      ? { chart: null, message: value ?? null }
      : { chart: value, message: null },
  );
export type DeleteChartResult = z.infer<typeof deleteChartResultSchema>;

/**
 * 4.6.11 returns the chart package as a File (table 4-423). With responseKind 'binary' the caller hands the raw bytes
 * over as an ArrayBuffer (what fetch's Response.arrayBuffer() gives); a Uint8Array is not accepted, so there is one
 * shape. The check is realm-independent (jsdom and Node have different ArrayBuffer constructors).
 */
export const chartArchiveSchema = z.custom<ArrayBuffer>(
  (value) => Object.prototype.toString.call(value) === '[object ArrayBuffer]',
  'chart archive must be binary data (an ArrayBuffer)',
);
export type ChartArchive = z.infer<typeof chartArchiveSchema>;

/** 4.6.12 table 4-426: `values` is a real object here (Map<String,Object>); a JSON string is tolerated as well. */
export const chartValuesSchema = z.looseObject({ values: jsonObjectFieldSchema });
export type ChartValues = z.infer<typeof chartValuesSchema>;

/** Quota types seen in the documents (4.6.14 example, line 18141). */
export const chartQuotaTypes = ['Charts'] as const;

/** Table 4-435 (lines 18118-18124). */
export const chartQuotaResourceSchema = z.looseObject({
  type: openEnum(chartQuotaTypes),
  quota: z.number(),
  used: z.number(),
});
export type ChartQuotaResource = z.infer<typeof chartQuotaResourceSchema>;

/**
 * 4.6.14 tables 4-433/4-434: `{quotas: {resources: [...]}}`. A bare `quotas: [...]` (the shape getQuotas documents)
 * is accepted too and normalised to the documented `{resources}` form.
 */
export const chartQuotasSchema = z.looseObject({
  quotas: z.union([
    z.looseObject({ resources: lenientArray(chartQuotaResourceSchema) }),
    lenientArray(chartQuotaResourceSchema).transform((resources) => ({ resources })),
  ]),
});
export type ChartQuotas = z.infer<typeof chartQuotasSchema>;

/**
 * The `parameters` form field of upload/update (tables 4-383 line 14816 and 4-401 line 15891), once JSON-decoded:
 * skip_lint (whether to validate the chart), override (overwrite an existing chart), visible (whether the chart is
 * visible). `source: "package"` is undocumented but sent by every example (digest S18): accepted, that value only.
 */
export const chartUploadParametersSchema = z.strictObject(
  {
    override: z.boolean({ error: 'parameters.override must be true or false' }).optional(),
    skip_lint: z.boolean({ error: 'parameters.skip_lint must be true or false' }).optional(),
    visible: z.boolean({ error: 'parameters.visible must be true or false' }).optional(),
    source: z.enum(['package'], { error: 'parameters.source must be "package"' }).optional(),
  },
  requestObjectError('parameters', 'override, skip_lint, visible, source'),
);
export type ChartUploadParameters = z.infer<typeof chartUploadParametersSchema>;

/** The form carries `parameters` as JSON text, e.g. {"override":true,"skip_lint":true,"source":"package"}. */
const chartUploadParametersFieldSchema = z
  .string({ error: 'parameters must be a JSON-encoded string' })
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'parameters must be valid JSON such as {"override":true,"skip_lint":true}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(z.string(), z.unknown(), { error: 'parameters must be a JSON object' }).pipe(chartUploadParametersSchema),
  );

/** The chart package (.tgz): a Blob or File from the form. */
const chartContentSchema = z
  .custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'content must be a chart archive file')
  .refine((blob) => blob.size > 0, 'content must not be an empty file');

/**
 * uploadChart / updateChart body (bodyKind 'multipart'): the form fields as parsed from FormData, seed table 4-383
 * (lines 14813-14819) and table 4-401 (lines 15889-15893): `content` (File, required), `parameters` (String, optional).
 * The document's "request examples" print this form as JSON with a file name for `content` (digest S13); they are
 * refused here because a string is not a file.
 */
export const uploadChartBodySchema = z.strictObject(
  {
    content: chartContentSchema,
    parameters: chartUploadParametersFieldSchema.optional(),
  },
  requestObjectError('the chart form', 'content, parameters'),
);
export type UploadChartBody = z.input<typeof uploadChartBodySchema>;
export type UploadChartForm = z.output<typeof uploadChartBodySchema>;

/** Same form fields as upload (4.6.5: "Same form fields as upload", table 4-401). */
export const updateChartBodySchema = uploadChartBodySchema;
export type UpdateChartBody = UploadChartBody;

/**
 * The multipart parts of a parsed chart form, in the order of the document's curl (parameters, then content), for
 * whoever builds the FormData (the SPA's fetch, the emulator's tests): `parameters` is JSON-encoded again.
 */
export function chartFormParts(form: UploadChartForm): Array<[name: string, value: string | Blob]> {
  const parts: Array<[string, string | Blob]> = [];
  if (form.parameters) parts.push(['parameters', JSON.stringify(form.parameters)]);
  parts.push(['content', form.content]);
  return parts;
}

const noPathParamsSchema = z.strictObject({});
export const chartParamsSchema = z.strictObject({ chart_id: chartIdSchema });
/** 4.6.14: the project id sits where the chart id sits in the other chart paths (digest P4). */
export const chartQuotaParamsSchema = z.strictObject({ project_id: projectIdSchema });

export const chartOperations = {
  uploadChart: defineOperation({
    id: 'uploadChart',
    section: '4.6.1',
    method: 'POST',
    path: '/autopilot/v2/charts',
    pathParams: noPathParamsSchema,
    query: noQuerySchema,
    body: uploadChartBodySchema,
    bodyKind: 'multipart',
    successStatus: 201,
    response: chartSchema,
    responseKind: 'json',
  }),
  listCharts: defineOperation({
    id: 'listCharts',
    section: '4.6.2',
    method: 'GET',
    path: '/autopilot/v2/charts',
    pathParams: noPathParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: chartListSchema,
    responseKind: 'json',
  }),
  updateChart: defineOperation({
    id: 'updateChart',
    section: '4.6.5',
    method: 'PUT',
    path: '/autopilot/v2/charts/{chart_id}',
    pathParams: chartParamsSchema,
    query: noQuerySchema,
    body: updateChartBodySchema,
    bodyKind: 'multipart',
    successStatus: 200,
    response: chartSchema,
    responseKind: 'json',
  }),
  deleteChart: defineOperation({
    id: 'deleteChart',
    section: '4.6.6',
    method: 'DELETE',
    path: '/autopilot/v2/charts/{chart_id}',
    pathParams: chartParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: deleteChartResultSchema,
    responseKind: 'json',
  }),
  getChart: defineOperation({
    id: 'getChart',
    section: '4.6.8',
    method: 'GET',
    path: '/autopilot/v2/charts/{chart_id}',
    pathParams: chartParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: chartSchema,
    responseKind: 'json',
  }),
  downloadChart: defineOperation({
    id: 'downloadChart',
    section: '4.6.11',
    method: 'GET',
    path: '/autopilot/v2/charts/{chart_id}/archive',
    pathParams: chartParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: chartArchiveSchema,
    responseKind: 'binary',
  }),
  getChartValues: defineOperation({
    id: 'getChartValues',
    section: '4.6.12',
    method: 'GET',
    path: '/autopilot/v2/charts/{chart_id}/values',
    pathParams: chartParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: chartValuesSchema,
    responseKind: 'json',
  }),
  getChartQuotas: defineOperation({
    id: 'getChartQuotas',
    section: '4.6.14',
    method: 'GET',
    path: '/autopilot/v2/charts/{project_id}/quotas',
    pathParams: chartQuotaParamsSchema,
    query: noQuerySchema,
    body: noBodySchema,
    bodyKind: 'none',
    successStatus: 200,
    response: chartQuotasSchema,
    responseKind: 'json',
  }),
};
