// Error bodies of the CCE Autopilot API, every documented form, normalised to one shape.
import { z } from 'zod';

/**
 * Seed 7.2 (lines 18663-18670): { errorCode: "CCE.01400001", errorMessage }.
 * Seed 3.3 (lines 713-720) and the API gateway (APIG.*): { error_code, error_msg, request_id? }.
 * Kubernetes Status: { kind: "Status", code: 404, message, reason, details? }.
 * Some gateways nest the pair: { error: { code, message } } or { error: { error_code, error_msg } }.
 */
const nestedErrorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  error_code: z.string().nullish(),
  error_msg: z.string().nullish(),
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
});

export const rawErrorBodySchema = z.looseObject({
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  error_code: z.string().nullish(),
  error_msg: z.string().nullish(),
  request_id: z.string().nullish(),
  kind: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  reason: z.string().nullish(),
  error: z.union([nestedErrorSchema, z.string()]).nullish(),
});

export type RawErrorBody = z.infer<typeof rawErrorBodySchema>;

export const errorBodySchema = rawErrorBodySchema.transform((raw) => {
  const nested = typeof raw.error === 'object' && raw.error !== null ? raw.error : undefined;
  const code =
    raw.errorCode ??
    raw.error_code ??
    nested?.errorCode ??
    nested?.error_code ??
    (typeof nested?.code === 'string' ? nested.code : undefined) ??
    (raw.kind === 'Status' && raw.reason ? raw.reason : undefined) ??
    (typeof raw.code === 'string' ? raw.code : undefined) ??
    null;
  const message =
    raw.errorMessage ??
    raw.error_msg ??
    nested?.errorMessage ??
    nested?.error_msg ??
    nested?.message ??
    raw.message ??
    (typeof raw.error === 'string' ? raw.error : undefined) ??
    null;
  return { code, message, requestId: raw.request_id ?? null };
});

export type ErrorBody = z.output<typeof errorBodySchema>;

/** The documented CCE error codes the console and the emulator use (seed 7.2 table, lines 18677-18725). */
export const cceErrorCodes = {
  invalidRequest: 'CCE.01400001',
  subnetNotFound: 'CCE.01400002',
  contentTypeNotSupported: 'CCE.01400006',
  clusterQuota: 'CCE.01400007',
  versionNotSupported: 'CCE.01400015',
  invalidRequestCharts: 'CCE.02400001',
  invalidRequestAddons: 'CCE.03400001',
  unauthorized: 'CCE.01401001',
  forbidden: 'CCE.01403001',
  notFound: 'CCE.01404001',
  notFoundCharts: 'CCE.02404001',
  notFoundAddons: 'CCE.03404001',
  alreadyExists: 'CCE.01409001',
  outOfDate: 'CCE.01409002',
  alreadyExistsCharts: 'CCE.02409001',
  addonInstalled: 'CCE.03409001',
  resourceLocked: 'CCE.01429002',
  throttled: 'CCE.02429001',
  internal: 'CCE.01500001',
} as const;

/** The body the emulator (and the proxy, for its own refusals) emits: the 7.2 form plus the 3.3 keys. */
export function cceErrorBody(code: string, message: string, requestId?: string) {
  return {
    errorCode: code,
    errorMessage: message,
    error_code: code,
    error_msg: message,
    ...(requestId ? { request_id: requestId } : {}),
  };
}
