// Building blocks shared by every resource schema of the contract.
// Isomorphic: no React, no DOM, no node:* imports.
import { z } from 'zod';

/** A value the service may send that the console does not know yet. */
export type OpenEnum<T extends string> = T | (string & { readonly __unknownEnumValue?: never });

/**
 * Tolerant enum for responses: documented values are typed, an unknown future value still parses
 * (the UI shows it as "unknown: VALUE", see isKnownValue).
 */
export function openEnum<const T extends readonly [string, ...string[]]>(_values: T) {
  return z.string().transform((value): OpenEnum<T[number]> => value);
}

export function isKnownValue<const T extends readonly string[]>(
  values: T,
  value: string | null | undefined,
): value is T[number] {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** Optional response field: absent, null or the value. */
export const nullishString = z.string().nullish();

/** A string field a request must carry, with messages that name it. */
export function requiredString(field: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`) })
    .min(1, `${field} must not be empty`);
}

/** A string field a request may carry, with the message that names it. */
export function optionalString(field: string) {
  return z.string({ error: `${field} must be a string` }).optional();
}

/**
 * A documented array that real responses sometimes send as null, or omit (published examples).
 * Normalised to [].
 */
export function lenientArray<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);
}

/** Maps of string to string, as Kubernetes-style labels and annotations; null becomes {}. */
export const stringMapSchema = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((value): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(value ?? {})) out[key] = typeof v === 'string' ? v : JSON.stringify(v);
    return out;
  });

/**
 * Fields that real responses send as a JSON-encoded string ("" when empty) while other sources send an object
 * (chart and release values/parameters/resources, seed 4.6; sdk-fidelity §charts). Normalised to an object.
 */
export const jsonObjectOrStringSchema = z
  .union([z.string(), z.record(z.string(), z.unknown()), z.null(), z.undefined()])
  .transform((value, ctx): Record<string, unknown> => {
    if (value === null || value === undefined || value === '') return {};
    if (typeof value !== 'string') return value;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      if (parsed === null) return {};
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: 'custom', message: 'expected a JSON object or a JSON-encoded object string' });
    return z.NEVER;
  });

/** Timestamps come in several formats per resource (digest §1.3): keep the string as sent. */
export const timestampSchema = z.string().nullish();

/** An RFC 4122-ish id as used in paths (cluster uid, job id …): printable, no slash. */
export const pathIdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must contain only letters, digits, ".", "_" and "-"');

/** Project id: 32 hex characters (seed 7.3/7.5 examples). */
export const projectIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{32}$/, 'project_id must be 32 hexadecimal characters');

/** Query flags typed as String "true"/"false" in the document. */
export const booleanStringSchema = z.enum(['true', 'false']);

/** CIDR validation shared by request schemas (service CIDR, seed 4.1.1 AutopilotServiceNetwork). */
export function isIpv4Cidr(value: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return false;
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 32 - prefix;
  // host part must be zero: 10.247.1.0/16 is not a network address
  return hostBits === 0 || ip % 2 ** hostBits === 0;
}

export const ipv4CidrSchema = z
  .string()
  .refine(isIpv4Cidr, { message: 'must be an IPv4 CIDR block such as 10.247.0.0/16 (network address, prefix 0–32)' });

/**
 * Error map for a strict request object, so its own failures name the field: "parameters is required",
 * "parameters must be an object", "parameters has unknown field(s): force; accepted: …". Use as the second argument
 * of z.strictObject(shape, requestObjectError('parameters', 'override, skip_lint …')). (Added by the chart/release
 * contract; clusters.ts's requestObject words its messages the same way.)
 */
export function requestObjectError(field: string, accepted?: string) {
  return {
    error: (issue: { code?: string; input?: unknown; keys?: readonly string[] }) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = (issue.keys ?? []).join(', ');
        return accepted
          ? `${field} has unknown field(s): ${keys}; accepted: ${accepted}`
          : `${field} has unknown field(s): ${keys}; the API does not document them`;
      }
      if (issue.code === 'invalid_type') {
        return issue.input === undefined ? `${field} is required` : `${field} must be an object`;
      }
      return undefined;
    },
  };
}
