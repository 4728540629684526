// Test-only: the official signer (@huaweicloud/huaweicloud-sdk-core, a devDependency) driven the way HcClient +
// BasicCredentials drive it (spec §0), and its request as DefaultHttpClient + axios put it on the wire. Shared by the
// signer's differential test and the emulator's conformance test; nothing that runs in production imports it.
import { createRequire } from 'node:module';
import { stringify } from 'node:querystring';

export interface SdkRequest {
  method: string;
  endpoint: string;
  queryParams: Record<string, string | number | boolean | (string | number)[]>;
  headers: Record<string, string>;
  data?: unknown;
}
export type SdkQueryParams = SdkRequest['queryParams'];

interface SdkCredential {
  getAk(): string;
  getSk(): string;
}
interface SdkSigner {
  sign(request: SdkRequest, credential: SdkCredential): Record<string, string>;
}
interface SdkBasicCredentials extends SdkCredential {
  processDerivedAuthParams(serviceName: string, regionId: string): void;
}

const require = createRequire(import.meta.url);
const sdkRoot = '@huaweicloud/huaweicloud-sdk-core';
const { AKSKSigner } = require(`${sdkRoot}/auth/AKSKSigner.js`) as { AKSKSigner: SdkSigner };
const { DerivedAKSKSigner } = require(`${sdkRoot}/auth/DerivedAKSKSigner.js`) as { DerivedAKSKSigner: SdkSigner };
const { BasicCredentials } = require(`${sdkRoot}/auth/BasicCredentials.js`) as {
  BasicCredentials: new (data: { ak: string; sk: string }) => SdkBasicCredentials;
};

export type OfficialSignInput = {
  method: string;
  /** scheme://host[:port] + path, as given to the SDK (before it strips a trailing slash). */
  url: string;
  query: SdkQueryParams;
  /** What BaseCredentials.processAuthRequest sets: X-Project-Id, X-Sdk-Date, content-type, … */
  headers: Record<string, string>;
  data: Record<string, unknown> | undefined;
  ak: string;
  sk: string;
  /** V11 (DerivedAKSKSigner) with these; AKSKSigner (SDK-HMAC-SHA256) without. */
  derived: { serviceName: string; regionId: string } | undefined;
};

/**
 * Signs with AKSKSigner or DerivedAKSKSigner. Returns the signed headers and the request the signer saw: it sorts
 * array query values in place, so the wire query is built from `request.queryParams` (see sdkWireQuery).
 */
export function officialSign(input: OfficialSignInput): { headers: Record<string, string>; request: SdkRequest } {
  const request: SdkRequest = {
    method: input.method,
    endpoint: input.url,
    queryParams: structuredClone(input.query),
    headers: input.headers,
    data: input.data === undefined ? undefined : structuredClone(input.data),
  };
  const credential = new BasicCredentials({ ak: input.ak, sk: input.sk });
  if (input.derived) credential.processDerivedAuthParams(input.derived.serviceName, input.derived.regionId);
  const signer = input.derived ? DerivedAKSKSigner : AKSKSigner;
  return { headers: signer.sign(request, credential), request };
}

/** The query string DefaultHttpClient sends (node:querystring, after the signer sorted array values). */
export function sdkWireQuery(request: SdkRequest): string {
  return stringify(request.queryParams);
}

/** The headers DefaultHttpClient + axios send: theirs, then the signed ones, all names lower-cased. */
export function sdkWireHeaders(signed: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'huaweicloud-usdk-nodejs/3.0' };
  for (const [name, value] of Object.entries(signed)) headers[name.toLowerCase()] = value;
  return headers;
}
