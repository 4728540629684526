// Gateway side of SDK-HMAC-SHA256 / V11-HMAC-SHA256 (shared/signing/spec.md §8): what the CCE Autopilot emulator
// checks, in the gateway's order, answering with APIG-style 401s.
import { timingSafeEqual } from 'node:crypto';
import {
  EMPTY_BODY_SHA256,
  SigningError,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  getHeader,
  parseRawQuery,
  parseSdkDate,
  sdkDate,
  sha256Hex,
  utf8Bytes,
  type HeaderValue,
} from './canonical.ts';
import {
  SDK_ALGORITHM,
  UNSIGNED_PAYLOAD,
  V11_ALGORITHM,
  buildCanonicalRequest,
  buildStringToSign,
  computeSignature,
  type SigningAlgorithm,
} from './sign.ts';

/** Current regions answer APIGW.0301, older ones APIG.0301 (spec §8.6). */
export type ApigAuthErrorCode = 'APIGW.0301' | 'APIG.0301';

/** Why a request was refused; stable, for tests and logs (the message is the gateway's text). */
export type VerifyFailureReason =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'date-not-signed'
  | 'missing-signed-header'
  | 'bad-date-format'
  | 'credential-scope-mismatch'
  | 'expired'
  | 'unknown-ak'
  | 'malformed-request'
  | 'payload-hash-mismatch'
  | 'signature-mismatch';

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

export interface VerifyRequestInput {
  method: string;
  /** The path as received, still percent-encoded (no query). */
  rawPath: string;
  /** The query as received, without `?` (a leading `?` is tolerated); '' or undefined for none. */
  rawQuery?: string | undefined;
  /** Headers as received; names are matched case-insensitively. */
  headers: Readonly<Record<string, HeaderValue>>;
  /** The body bytes as received (a string is taken as UTF-8). */
  body?: Uint8Array | string | undefined;
  now: Date;
  lookupSecret: (ak: string) => string | undefined;
  /** Allowed |now - X-Sdk-Date|; 15 minutes by default. */
  maxSkewMs?: number | undefined;
  /** Error code to answer with; APIGW.0301 by default. */
  errorCode?: ApigAuthErrorCode | undefined;
  /** Append the rebuilt canonical request (\n shown as |) to a signature-mismatch message, as APIG does. */
  debug?: boolean | undefined;
}

export interface VerifySuccess {
  ok: true;
  ak: string;
  algorithm: SigningAlgorithm;
  /** Names from the client's SignedHeaders, lower-cased, in its order. */
  signedHeaders: string[];
  /** X-Project-Id, when it was signed. */
  projectId?: string;
  /** X-Security-Token, when it was signed. */
  securityToken?: string;
  /** V11 credential scope. */
  derived?: { date: string; regionId: string; serviceName: string };
}

export interface VerifyFailure {
  ok: false;
  status: 401;
  code: ApigAuthErrorCode;
  message: string;
  reason: VerifyFailureReason;
}

export type VerifyResult = VerifySuccess | VerifyFailure;

/** The JSON body APIG answers a refused request with. */
export function apigErrorBody(
  failure: VerifyFailure,
  requestId: string,
): { error_msg: string; error_code: string; request_id: string } {
  return { error_msg: failure.message, error_code: failure.code, request_id: requestId };
}

const IAM = 'Incorrect IAM authentication information';
const HEADER_NAME_RE = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const SIGNATURE_RE = /^[0-9a-fA-F]{64}$/;

interface ParsedAuthorization {
  algorithm: SigningAlgorithm;
  ak: string;
  signedHeaders: string[];
  signature: string;
  scope?: { date: string; regionId: string; serviceName: string; info: string };
}

function parseAuthorization(value: string): ParsedAuthorization | string {
  const m = /^([A-Za-z0-9-]+)[ \t]+([\s\S]*)$/.exec(value);
  if (!m) return 'malformed Authorization header';
  const algorithm = m[1] ?? '';
  if (algorithm !== SDK_ALGORITHM && algorithm !== V11_ALGORITHM) {
    return `unsupported signing algorithm ${JSON.stringify(algorithm)}`;
  }
  const params = new Map<string, string>();
  for (const part of (m[2] ?? '').split(',')) {
    const item = part.trim();
    const eq = item.indexOf('=');
    if (eq <= 0) return 'malformed Authorization header';
    const key = item.slice(0, eq).trim();
    if (params.has(key)) return `Authorization repeats ${key}`;
    params.set(key, item.slice(eq + 1).trim());
  }

  const signedHeadersText = params.get('SignedHeaders');
  const signature = params.get('Signature');
  if (signedHeadersText === undefined || signedHeadersText === '') return 'Authorization has no SignedHeaders';
  if (signature === undefined || !SIGNATURE_RE.test(signature)) return 'Authorization has no valid Signature';
  const signedHeaders = signedHeadersText.split(';').map((name) => name.toLowerCase());
  if (signedHeaders.some((name) => !HEADER_NAME_RE.test(name))) return 'SignedHeaders is malformed';

  if (algorithm === SDK_ALGORITHM) {
    const ak = params.get('Access');
    if (!ak) return 'Authorization has no Access';
    return { algorithm, ak, signedHeaders, signature: signature.toLowerCase() };
  }
  const credential = params.get('Credential');
  if (!credential) return 'Authorization has no Credential';
  const parts = credential.split('/');
  const [ak, date, regionId, serviceName] = parts;
  if (parts.length !== 4 || !ak || !date || !regionId || !serviceName || !/^\d{8}$/.test(date)) {
    return 'Credential must be AK/YYYYMMDD/region/service';
  }
  return {
    algorithm,
    ak,
    signedHeaders,
    signature: signature.toLowerCase(),
    scope: { date, regionId, serviceName, info: `${date}/${regionId}/${serviceName}` },
  };
}

/**
 * Verifies a signed request as the API gateway does: parse Authorization, require x-sdk-date among the signed
 * headers and every signed header present, check the X-Sdk-Date format and skew, look the AK up, then rebuild the
 * canonical request from the wire (only from the client's SignedHeaders, values trimmed) and compare signatures
 * in constant time.
 */
export function verifyRequest(input: VerifyRequestInput): VerifyResult {
  const code = input.errorCode ?? 'APIGW.0301';
  const fail = (reason: VerifyFailureReason, message: string): VerifyFailure => ({
    ok: false,
    status: 401,
    code,
    message,
    reason,
  });
  const signatureFail = (reason: VerifyFailureReason, detail: string): VerifyFailure =>
    fail(reason, `${IAM}: verify aksk signature fail, ${detail}`);

  // Received headers, by lower-case name (HTTP/2 carries host as :authority).
  const headers = Object.create(null) as Record<string, HeaderValue>;
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (!Object.hasOwn(headers, lower) && value !== undefined) headers[lower] = value;
  }
  if (!Object.hasOwn(headers, 'host') && Object.hasOwn(headers, ':authority')) headers.host = headers[':authority'];

  // 1. Authorization.
  const authorization = getHeader(headers, 'authorization');
  if (authorization === undefined || authorization === '') {
    // What APIG answers when a request carries neither AK/SK signature nor token.
    return fail('missing-authorization', `${IAM}: x-auth-token not found`);
  }
  const auth = parseAuthorization(authorization);
  if (typeof auth === 'string') return signatureFail('malformed-authorization', auth);

  // 2. Signed headers.
  if (!auth.signedHeaders.includes('x-sdk-date')) {
    return signatureFail('date-not-signed', 'x-sdk-date is not in SignedHeaders');
  }
  for (const name of auth.signedHeaders) {
    if (getHeader(headers, name) === undefined) {
      return signatureFail('missing-signed-header', `signed header ${name} not found`);
    }
  }

  // 3. X-Sdk-Date.
  const xSdkDate = getHeader(headers, 'x-sdk-date') ?? '';
  const signedAt = parseSdkDate(xSdkDate);
  if (signedAt === undefined) {
    return signatureFail('bad-date-format', `X-Sdk-Date ${JSON.stringify(xSdkDate)} is not YYYYMMDDTHHMMSSZ`);
  }
  if (auth.scope && auth.scope.date !== xSdkDate.slice(0, 8)) {
    return signatureFail(
      'credential-scope-mismatch',
      `credential date ${auth.scope.date} does not match X-Sdk-Date ${xSdkDate}`,
    );
  }
  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (Math.abs(input.now.getTime() - signedAt.getTime()) > maxSkewMs) {
    return fail(
      'expired',
      `${IAM}: calc aksk signature fail:signature expired, signature time:${xSdkDate},server time:${sdkDate(input.now)}`,
    );
  }

  // 4. AK.
  const sk = input.lookupSecret(auth.ak);
  if (sk === undefined || sk === '') {
    return fail('unknown-ak', `${IAM}: Get secretKey failed,ak:${auth.ak},err:ak not exist`);
  }

  // 5. Rebuild and compare.
  let rawPath = input.rawPath;
  let rawQuery = input.rawQuery ?? '';
  if (input.rawQuery === undefined && rawPath.includes('?')) {
    rawQuery = rawPath.slice(rawPath.indexOf('?') + 1);
    rawPath = rawPath.slice(0, rawPath.indexOf('?'));
  }
  let canonicalRequest: string;
  let expected: string;
  try {
    const body = input.body;
    const bodyHash =
      body === undefined || body.length === 0
        ? EMPTY_BODY_SHA256
        : sha256Hex(typeof body === 'string' ? utf8Bytes(body, 'body') : body);
    const declared = getHeader(headers, 'x-sdk-content-sha256');
    if (declared !== undefined && declared !== UNSIGNED_PAYLOAD && declared.toLowerCase() !== bodyHash) {
      return signatureFail('payload-hash-mismatch', 'x-sdk-content-sha256 does not match the body');
    }
    canonicalRequest = buildCanonicalRequest({
      method: input.method.toUpperCase(),
      canonicalUri: canonicalUri(rawPath),
      canonicalQuery: canonicalQuery(parseRawQuery(rawQuery)),
      canonicalHeaders: canonicalHeaders(headers, auth.signedHeaders),
      signedHeaders: auth.signedHeaders.join(';'),
      payloadHash: declared ?? bodyHash,
    });
    const info = auth.scope?.info;
    const stringToSign = buildStringToSign(auth.algorithm, xSdkDate, canonicalRequest, info);
    expected = computeSignature(auth.algorithm, { ak: auth.ak, sk }, stringToSign, info);
  } catch (error) {
    if (error instanceof SigningError) return signatureFail('malformed-request', error.message);
    throw error;
  }
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(auth.signature, 'hex'))) {
    const debug = input.debug ? `, canonicalRequest: ${canonicalRequest.replaceAll('\n', '|')}` : '';
    return signatureFail('signature-mismatch', `signature mismatch${debug}`);
  }

  const result: VerifySuccess = { ok: true, ak: auth.ak, algorithm: auth.algorithm, signedHeaders: auth.signedHeaders };
  const projectId = auth.signedHeaders.includes('x-project-id') ? getHeader(headers, 'x-project-id') : undefined;
  const securityToken = auth.signedHeaders.includes('x-security-token')
    ? getHeader(headers, 'x-security-token')
    : undefined;
  if (projectId !== undefined) result.projectId = projectId;
  if (securityToken !== undefined) result.securityToken = securityToken;
  if (auth.scope) {
    result.derived = { date: auth.scope.date, regionId: auth.scope.regionId, serviceName: auth.scope.serviceName };
  }
  return result;
}
