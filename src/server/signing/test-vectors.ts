// Test support: the captured SDK vectors (vectors.json, quirks.json), parsed, and turned into signRequest /
// verifyRequest inputs. Not used by production code.
import { z } from 'zod';
import { parseSdkDate } from './canonical.ts';
import type { SignRequestInput } from './sign.ts';
import type { VerifyRequestInput } from './verify.ts';
import quirksJson from './quirks.json' with { type: 'json' };
import vectorsJson from './vectors.json' with { type: 'json' };

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const vectorSchema = z.looseObject({
  id: z.string(),
  description: z.string(),
  ak: z.string(),
  sk: z.string(),
  algorithm: z.enum(['SDK-HMAC-SHA256', 'V11-HMAC-SHA256']),
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  bodyIsHashed: z.boolean(),
  derived: z.record(z.string(), z.unknown()).nullish(),
  expected: z.looseObject({
    canonicalRequest: z.string(),
    stringToSign: z.string(),
    authorization: z.string(),
    signedHeaders: z.string(),
    signature: z.string(),
    payloadHash: z.string(),
    host: z.string(),
  }),
  wire: z.looseObject({
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  }),
  sdkCall: z.looseObject({
    signerEndpoint: z.string(),
    queryParams: z.record(z.string(), z.union([scalar, z.null(), z.array(scalar)])),
    contentType: z.string().nullish(),
    projectId: z.string().nullish(),
    securityToken: z.string().nullish(),
    signer: z.string(),
  }),
  quirk: z
    .looseObject({
      independentImplementation: z.looseObject({
        serverVerifiesWireRequest: z.boolean(),
        serverReason: z.string().optional(),
        clientCanonicalRequest: z.string().optional(),
      }),
    })
    .optional(),
});

export type Vector = z.infer<typeof vectorSchema>;

const fileSchema = z.looseObject({ vectors: z.array(vectorSchema) });

export const publicVectors: Vector[] = fileSchema.parse(vectorsJson).vectors;
export const quirkVectors: Vector[] = fileSchema.parse(quirksJson).vectors;

export function vectorDate(v: Vector): Date {
  const value = Object.entries(v.headers).find(([k]) => k.toLowerCase() === 'x-sdk-date')?.[1] ?? '';
  // quirk-07 carries an extended ISO date: fall back to Date's parser for it.
  const date = parseSdkDate(value) ?? new Date(value);
  if (!Number.isFinite(date.getTime())) throw new Error(`${v.id}: X-Sdk-Date ${JSON.stringify(value)} is not a date`);
  return date;
}

function derivedOf(v: Vector): SignRequestInput['derived'] {
  if (v.algorithm !== 'V11-HMAC-SHA256') return undefined;
  const d = v.derived ?? {};
  const text = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const value = d[key];
      if (typeof value === 'string' && value !== '') return value;
    }
    return undefined;
  };
  // Fall back to the credential scope of the expected Authorization.
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^,]+),/.exec(v.expected.authorization);
  const regionId = text('regionId', 'region') ?? scope?.[1];
  const serviceName = text('serviceName', 'derivedAuthServiceName', 'service') ?? scope?.[2];
  if (!regionId || !serviceName) throw new Error(`${v.id}: no derived scope`);
  return { regionId, serviceName };
}

/**
 * signRequest input for a vector, the way the proxy calls it: X-Project-Id / X-Security-Token from the
 * credentials, X-Sdk-Date from `date`, UNSIGNED-PAYLOAD as a flag, the multipart content-type left out.
 */
export function signInputFromVector(v: Vector): SignRequestInput {
  const headers: Record<string, string> = {};
  let unsignedPayload = false;
  for (const [name, value] of Object.entries(v.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'x-sdk-date' || lower === 'x-project-id' || lower === 'x-security-token') continue;
    if (lower === 'x-sdk-content-sha256' && value === 'UNSIGNED-PAYLOAD') {
      unsignedPayload = true;
      continue;
    }
    if (lower === 'content-type' && value.includes('multipart/form-data')) continue;
    headers[name] = value;
  }
  return {
    method: v.method,
    url: v.sdkCall.signerEndpoint,
    query: v.sdkCall.queryParams,
    headers,
    body: v.body,
    unsignedPayload,
    credentials: {
      ak: v.ak,
      sk: v.sk,
      projectId: v.sdkCall.projectId ?? undefined,
      securityToken: v.sdkCall.securityToken ?? undefined,
    },
    date: vectorDate(v),
    derived: derivedOf(v),
  };
}

/** The vector's headers handed over exactly as they are: the signer must agree. */
export function signInputFromVectorHeadersAsIs(v: Vector): SignRequestInput {
  return { ...signInputFromVector(v), headers: v.headers, unsignedPayload: false, credentials: { ak: v.ak, sk: v.sk } };
}

/** Splits an absolute URL into its raw path and raw query, without normalising anything. */
export function splitRawUrl(url: string): { rawPath: string; rawQuery: string } {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) throw new Error(`not an absolute URL: ${url}`);
  return { rawPath: m[1] || '/', rawQuery: m[2] ?? '' };
}

/**
 * The vector's wire request as the emulator receives it. `whatwg` re-encodes the URL the way an HTTP client
 * built on WHATWG URL (axios, fetch) puts it on the wire; `raw` keeps the captured text.
 */
export function wireRequestOf(
  v: Vector,
  mode: 'raw' | 'whatwg' = 'raw',
): Omit<VerifyRequestInput, 'now' | 'lookupSecret'> {
  let target = splitRawUrl(v.wire.url);
  if (mode === 'whatwg') {
    const parsed = new URL(v.wire.url);
    target = { rawPath: parsed.pathname, rawQuery: parsed.search.replace(/^\?/, '') };
  }
  return { method: v.method, ...target, headers: { ...v.wire.headers }, body: new TextEncoder().encode(v.wire.body) };
}

export function lookupFor(v: Vector): (ak: string) => string | undefined {
  return (ak) => (ak === v.ak ? v.sk : undefined);
}
