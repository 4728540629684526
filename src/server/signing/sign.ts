// Client side of SDK-HMAC-SHA256 / V11-HMAC-SHA256 (shared/signing/spec.md §1-§7a): the signing proxy signs
// what it sends and sends what it signed (canonical path and query on the wire, exact body bytes hashed).
import { createHmac, hkdfSync } from 'node:crypto';
import { domainToASCII } from 'node:url';
import {
  EMPTY_BODY_SHA256,
  SigningError,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  compareCodeUnits,
  parseRawQuery,
  percentDecodeToBytes,
  sdkDate,
  sha256Hex,
  trimHeaderValue,
  utf8Bytes,
  type QueryPair,
} from './canonical.ts';

export const SDK_ALGORITHM = 'SDK-HMAC-SHA256';
export const V11_ALGORITHM = 'V11-HMAC-SHA256';
export type SigningAlgorithm = typeof SDK_ALGORITHM | typeof V11_ALGORITHM;

/** The literal payload hash of a body that is not hashed (multipart uploads, streams), spec §6. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export type QueryScalar = string | number | boolean;
/** A query record as the SDK's queryParams: arrays give repeated keys; undefined / null are dropped (quirk Q6). */
export type QueryRecord = Readonly<
  Record<string, QueryScalar | readonly (QueryScalar | null | undefined)[] | null | undefined>
>;
/** Decoded [key, value] pairs, or a record. */
export type QueryInput = readonly QueryPair[] | QueryRecord;

export interface SigningCredentials {
  ak: string;
  sk: string;
  /** Temporary credentials: sent and signed as X-Security-Token. */
  securityToken?: string | undefined;
  /** Sent and signed as X-Project-Id. */
  projectId?: string | undefined;
}

/** Derived AK/SK signing (V11-HMAC-SHA256, spec §7a). */
export interface DerivedScope {
  regionId: string;
  serviceName: string;
}

export interface SignRequestInput {
  method: string;
  /**
   * Absolute http(s) URL. host[:port] is taken from it as written (lower-cased, IPv6 brackets and any explicit
   * port kept, even :443). A query written into the URL is signed too (unlike the SDK, quirk Q9), see `query`.
   */
  url: string;
  /**
   * Decoded query. When it is absent or empty, a query written into the URL is signed (quirk Q9); when both are
   * non-empty they must be the same query (the URL already carries this query serialised), else SigningError.
   */
  query?: QueryInput | undefined;
  /**
   * Headers to sign, besides those the signer adds (host, X-Sdk-Date, X-Project-Id, X-Security-Token,
   * X-Sdk-Content-Sha256). Names are lower-cased and must not contain `_` (quirk Q8); values are trimmed
   * (quirk Q5). A content-type containing multipart/form-data is left out (its boundary is appended later),
   * exactly as the SDK does. `host` overrides the URL's host (SDK behaviour). Authorization is refused, and so is
   * an X-Sdk-Date that differs from sdkDate(date): the signer makes them. X-Project-Id / X-Security-Token must
   * agree with the credentials when both are given. A literal x-sdk-content-sha256 is used as the payload hash.
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /** The exact bytes that go on the wire (a string is taken as UTF-8). Never re-serialised (quirk Q3). */
  body?: Uint8Array | string | undefined;
  /** Sign X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD instead of hashing the body (multipart, streams). */
  unsignedPayload?: boolean | undefined;
  credentials: SigningCredentials;
  /** Signing time; X-Sdk-Date is generated from it (quirk Q7). */
  date: Date;
  /** Sign with V11-HMAC-SHA256 and this credential scope. */
  derived?: DerivedScope | undefined;
}

export interface SignedRequest {
  algorithm: SigningAlgorithm;
  /**
   * Headers to put on the wire: every signed header plus Authorization. Generated ones carry the SDK's spelling
   * (Authorization, X-Sdk-Date, host, X-Project-Id, X-Security-Token, X-Sdk-Content-Sha256); the caller's are
   * lower-cased. A multipart content-type is not among them: the caller sets it with its boundary.
   */
  headers: Record<string, string>;
  /** host[:port] that was signed. */
  host: string;
  /** The canonical path without the forced trailing `/` (a trailing `/` of the input is kept): send these bytes. */
  wirePath: string;
  /** The canonical query string, without `?` ('' for none): send it as is. */
  wireQuery: string;
  /** scheme://host + wirePath + ('?' + wireQuery when not empty). */
  wireUrl: string;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
  /** e.g. content-type;host;x-project-id;x-sdk-date */
  signedHeaders: string;
  authorization: string;
  payloadHash: string;
}

/** Wire spelling of the headers the signer adds (as the SDK writes them). */
const WIRE_NAMES: Readonly<Record<string, string>> = {
  host: 'host',
  'x-sdk-date': 'X-Sdk-Date',
  'x-project-id': 'X-Project-Id',
  'x-security-token': 'X-Security-Token',
  'x-sdk-content-sha256': 'X-Sdk-Content-Sha256',
};

const HEADER_NAME_RE = /^[!#$%&'*+.^`|~0-9a-z-]+$/;
const METHOD_RE = /^[!#$%&'*+.^_`|~0-9A-Z-]+$/;

/** The V11 credential scope: YYYYMMDD/<regionId>/<serviceName>, the date being the first 8 chars of X-Sdk-Date. */
export function derivedInfo(xSdkDate: string, regionId: string, serviceName: string): string {
  return `${xSdkDate.slice(0, 8)}/${regionId}/${serviceName}`;
}

/**
 * V11 signing key: hex(HKDF-SHA256(IKM = SK, salt = AK, info, L = 32)), all UTF-8. The 64-character lower-case hex
 * *string* is the HMAC key (as ASCII bytes), not the 32 raw bytes (spec §7a).
 */
export function derivedSigningKey(ak: string, sk: string, info: string): string {
  return Buffer.from(hkdfSync('sha256', utf8Bytes(sk, 'SK'), utf8Bytes(ak, 'AK'), utf8Bytes(info, 'info'), 32)).toString(
    'hex',
  );
}

/** Lower-case hex HMAC-SHA256 with a text key (UTF-8). */
export function hmacSha256Hex(key: string, data: string): string {
  return createHmac('sha256', utf8Bytes(key, 'HMAC key')).update(utf8Bytes(data, 'string to sign')).digest('hex');
}

/** Method \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders (lines end in \n) \n SignedHeaders \n PayloadHash */
export function buildCanonicalRequest(parts: {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
}): string {
  return [
    parts.method,
    parts.canonicalUri,
    parts.canonicalQuery,
    parts.canonicalHeaders,
    parts.signedHeaders,
    parts.payloadHash,
  ].join('\n');
}

/** SDK: ALG \n X-Sdk-Date \n hex(sha256(CR)); V11 adds the info line before the hash. */
export function buildStringToSign(
  algorithm: SigningAlgorithm,
  xSdkDate: string,
  canonicalRequest: string,
  info?: string,
): string {
  const hash = sha256Hex(canonicalRequest);
  if (algorithm === V11_ALGORITHM) {
    if (info === undefined) throw new SigningError('V11-HMAC-SHA256 needs a credential scope');
    return [algorithm, xSdkDate, info, hash].join('\n');
  }
  return [algorithm, xSdkDate, hash].join('\n');
}

/** The signature of a string to sign: key SK (SDK) or the derived hex key (V11). */
export function computeSignature(
  algorithm: SigningAlgorithm,
  credentials: { ak: string; sk: string },
  stringToSign: string,
  info?: string,
): string {
  if (algorithm === V11_ALGORITHM) {
    if (info === undefined) throw new SigningError('V11-HMAC-SHA256 needs a credential scope');
    return hmacSha256Hex(derivedSigningKey(credentials.ak, credentials.sk, info), stringToSign);
  }
  return hmacSha256Hex(credentials.sk, stringToSign);
}

interface ParsedUrl {
  origin: string;
  host: string;
  rawPath: string;
  rawQuery: string | undefined;
}

function parseAbsoluteUrl(url: string): ParsedUrl {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#[\s\S]*)?$/.exec(url);
  if (!m) throw new SigningError(`url must be absolute (scheme://host/path): ${JSON.stringify(url)}`);
  const scheme = (m[1] ?? '').toLowerCase();
  const authority = m[2] ?? '';
  if (scheme !== 'https' && scheme !== 'http') throw new SigningError(`unsupported URL scheme ${JSON.stringify(scheme)}`);
  if (authority.includes('@')) throw new SigningError('url must not carry user info');
  return { origin: `${scheme}://`, host: normaliseHost(authority), rawPath: m[3] ?? '', rawQuery: m[4] };
}

function normaliseHost(authority: string): string {
  let host = authority.toLowerCase();
  if (/[^\x20-\x7e]/.test(host)) {
    const portMatch = /:(\d*)$/.exec(host);
    const hostname = portMatch ? host.slice(0, portMatch.index) : host;
    const ascii = domainToASCII(hostname);
    if (ascii === '') throw new SigningError(`invalid host ${JSON.stringify(authority)}`);
    host = ascii + (portMatch ? portMatch[0] : '');
  }
  if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9._~-]+)(?::\d{1,5})?$/.test(host)) {
    throw new SigningError(`invalid host ${JSON.stringify(authority)}`);
  }
  return host;
}

function validateHeaderValue(name: string, value: string): void {
  // HTTP/1.1 field-value: HTAB, SP..~ and obs-text (0x80-0xFF, which Node sends as latin1). No CR/LF/controls.
  if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
    throw new SigningError(`header ${JSON.stringify(name)} has a value that cannot be sent in HTTP`);
  }
}

function queryPairsOf(query: QueryInput | undefined): QueryPair[] {
  if (query === undefined) return [];
  if (Array.isArray(query)) return query.map(([k, v]): QueryPair => [k, v]);
  const pairs: QueryPair[] = [];
  for (const [key, value] of Object.entries(query as QueryRecord)) {
    if (value === undefined || value === null) continue; // quirk Q6: the wire would carry an empty value
    if (Array.isArray(value)) {
      for (const item of value as readonly (QueryScalar | null | undefined)[]) {
        if (item !== undefined && item !== null) pairs.push([key, String(item)]);
      }
    } else {
      pairs.push([key, String(value)]);
    }
  }
  return pairs;
}

/**
 * Signs a request (pure: everything comes from the input, including the date). Throws SigningError on input the
 * gateway could not verify (see the field docs of SignRequestInput).
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  const method = input.method.toUpperCase();
  if (!METHOD_RE.test(method)) throw new SigningError(`invalid HTTP method ${JSON.stringify(input.method)}`);
  const { ak, sk, securityToken, projectId } = input.credentials;
  if (!ak || !sk) throw new SigningError('AK and SK must not be empty');
  if (/[\s,/;=]/.test(ak)) throw new SigningError('AK must not contain whitespace or any of , / ; =');

  const url = parseAbsoluteUrl(input.url);

  // Path: decode each segment once, re-encode, and send exactly that.
  const rawPath = url.rawPath === '' ? '/' : url.rawPath;
  for (const segment of rawPath.split('/')) {
    // without a `%` a segment decodes to itself: only `.` and `..` are dots
    const decoded = segment.includes('%') ? percentDecodeToBytes(segment) : null;
    const isDot = decoded ? decoded.length > 0 && decoded.length <= 2 && decoded.every((b) => b === 0x2e) : segment === '.' || segment === '..';
    if (isDot) throw new SigningError(`path ${JSON.stringify(rawPath)} has a dot segment; clients would rewrite it`);
  }
  const canonicalPath = canonicalUri(rawPath);
  const wirePath = rawPath.endsWith('/') ? canonicalPath : canonicalPath.slice(0, -1);

  // Query: the given one, or else the URL's own (quirk Q9: never leave it unsigned); the wire carries the
  // canonical string. When both are given they must be the same query.
  const urlPairs = url.rawQuery === undefined ? [] : parseRawQuery(url.rawQuery);
  const givenPairs = queryPairsOf(input.query);
  if (urlPairs.length > 0 && givenPairs.length > 0 && canonicalQuery(urlPairs) !== canonicalQuery(givenPairs)) {
    throw new SigningError('the query written in the url disagrees with `query`: give it once');
  }
  const query = canonicalQuery(givenPairs.length > 0 ? givenPairs : urlPairs); // throws on a lone surrogate

  // Headers.
  const signed = new Map<string, string>();
  const add = (name: string, value: string): void => {
    validateHeaderValue(name, value);
    signed.set(name, trimHeaderValue(value));
  };
  for (const [rawName, rawValue] of Object.entries(input.headers ?? {})) {
    const name = rawName.toLowerCase();
    if (name.includes('_')) {
      throw new SigningError(`header ${JSON.stringify(rawName)}: names containing "_" cannot be signed (quirk Q8)`);
    }
    if (!HEADER_NAME_RE.test(name)) throw new SigningError(`invalid header name ${JSON.stringify(rawName)}`);
    if (typeof rawValue !== 'string') throw new SigningError(`header ${JSON.stringify(rawName)} must be a string`);
    if (signed.has(name)) throw new SigningError(`header ${JSON.stringify(name)} is given twice`);
    if (name === 'authorization') throw new SigningError('the signer makes the Authorization header');
    if (name === 'x-sdk-date') {
      // The signer makes X-Sdk-Date from `date` (quirks Q7, Q11); a copy that agrees with it is harmless.
      if (trimHeaderValue(rawValue) !== sdkDate(input.date)) {
        throw new SigningError('pass `date`: the signer makes X-Sdk-Date (quirks Q7, Q11)');
      }
      continue;
    }
    if (name === 'content-type' && rawValue.toLowerCase().includes('multipart/form-data')) continue;
    add(name, rawValue);
  }

  const xSdkDate = sdkDate(input.date);
  if (!signed.has('host')) add('host', url.host);
  if (signed.get('host') === '') throw new SigningError('host must not be empty');
  add('x-sdk-date', xSdkDate);
  const addCredentialHeader = (name: string, value: string | undefined): void => {
    if (value === undefined || value === '') return;
    const given = signed.get(name);
    if (given !== undefined && given !== trimHeaderValue(value)) {
      throw new SigningError(`header ${name} disagrees with the credentials`);
    }
    add(name, value);
  };
  addCredentialHeader('x-project-id', projectId);
  addCredentialHeader('x-security-token', securityToken);

  let payloadHash: string;
  if (input.unsignedPayload) {
    const given = signed.get('x-sdk-content-sha256');
    if (given !== undefined && given !== UNSIGNED_PAYLOAD) {
      throw new SigningError('unsignedPayload conflicts with the given x-sdk-content-sha256');
    }
    add('x-sdk-content-sha256', UNSIGNED_PAYLOAD);
    payloadHash = UNSIGNED_PAYLOAD;
  } else {
    const given = signed.get('x-sdk-content-sha256');
    if (given !== undefined) {
      if (given !== UNSIGNED_PAYLOAD && !/^[0-9a-f]{64}$/.test(given)) {
        throw new SigningError('x-sdk-content-sha256 must be UNSIGNED-PAYLOAD or a lower-case hex SHA-256');
      }
      payloadHash = given; // used literally, as the SDK does
    } else {
      const body = input.body;
      payloadHash =
        body === undefined || body.length === 0
          ? EMPTY_BODY_SHA256
          : sha256Hex(typeof body === 'string' ? utf8Bytes(body, 'body') : body);
    }
  }

  const names = [...signed.keys()].sort(compareCodeUnits);
  const headerRecord = Object.fromEntries(signed);
  const signedHeaders = names.join(';');
  const canonicalRequest = buildCanonicalRequest({
    method,
    canonicalUri: canonicalPath,
    canonicalQuery: query,
    canonicalHeaders: canonicalHeaders(headerRecord, names),
    signedHeaders,
    payloadHash,
  });

  let algorithm: SigningAlgorithm = SDK_ALGORITHM;
  let info: string | undefined;
  if (input.derived) {
    const { regionId, serviceName } = input.derived;
    if (!regionId || !serviceName || /[\s/,]/.test(regionId + serviceName)) {
      throw new SigningError('derived signing needs a regionId and a serviceName without whitespace, / or ,');
    }
    algorithm = V11_ALGORITHM;
    info = derivedInfo(xSdkDate, regionId, serviceName);
  }
  const stringToSign = buildStringToSign(algorithm, xSdkDate, canonicalRequest, info);
  const signature = computeSignature(algorithm, { ak, sk }, stringToSign, info);
  const authorization =
    algorithm === V11_ALGORITHM
      ? `${V11_ALGORITHM} Credential=${ak}/${info ?? ''}, SignedHeaders=${signedHeaders}, Signature=${signature}`
      : `${SDK_ALGORITHM} Access=${ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;

  const headers: Record<string, string> = {};
  for (const name of names) {
    const wireName = Object.hasOwn(WIRE_NAMES, name) ? (WIRE_NAMES[name] ?? name) : name;
    headers[wireName] = signed.get(name) ?? '';
  }
  headers.Authorization = authorization;
  const host = signed.get('host') ?? url.host;

  return {
    algorithm,
    headers,
    host,
    wirePath,
    wireQuery: query,
    wireUrl: `${url.origin}${url.host}${wirePath}${query === '' ? '' : `?${query}`}`,
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders,
    authorization,
    payloadHash,
  };
}
