// Canonical forms of SDK-HMAC-SHA256 / V11-HMAC-SHA256 (shared/signing/spec.md §1-§6), as pure functions.
// Used by the signer (sign.ts) and by the gateway-side verifier (verify.ts), so both build the same bytes.
import { createHash } from 'node:crypto';

/** A request could not be put into canonical form (bad input, not a bad signature). */
export class SigningError extends Error {
  override readonly name = 'SigningError';
}

/** SHA-256 of the empty string: the payload hash of a request without a body (spec §6). */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const HEX = '0123456789ABCDEF';

/** RFC 3986 unreserved: A-Z a-z 0-9 - _ . ~ */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x5f ||
    byte === 0x2e ||
    byte === 0x7e
  );
}

function pushUtf8(out: number[], codePoint: number): void {
  if (codePoint < 0x80) {
    out.push(codePoint);
  } else if (codePoint < 0x800) {
    out.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 0x3f));
  } else if (codePoint < 0x10000) {
    out.push(0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 0x3f), 0x80 | (codePoint & 0x3f));
  } else {
    out.push(
      0xf0 | (codePoint >> 18),
      0x80 | ((codePoint >> 12) & 0x3f),
      0x80 | ((codePoint >> 6) & 0x3f),
      0x80 | (codePoint & 0x3f),
    );
  }
}

/** The name of what is being encoded, for an error message: computed only when there is an error. */
const label = (what: string | (() => string)) => (typeof what === 'string' ? what : what());

/** Strings made only of unreserved characters encode to themselves (the hot path: ids, names, most queries). */
const unreservedOnly = /^[A-Za-z0-9\-_.~]*$/;

/**
 * Appends the UTF-8 bytes of s[i] (one code point) to out and returns the index of the next code point.
 * Throws on a lone surrogate: it has no UTF-8 form (the SDK throws ERR_INVALID_URI there).
 */
function pushCodePointAt(out: number[], s: string, i: number, what: string | (() => string)): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
    if (next >= 0xdc00 && next <= 0xdfff) {
      pushUtf8(out, 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00));
      return i + 2;
    }
    throw new SigningError(`ERR_INVALID_URI: lone high surrogate U+${c.toString(16).toUpperCase()} at index ${i} of ${label(what)}`);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    throw new SigningError(`ERR_INVALID_URI: lone low surrogate U+${c.toString(16).toUpperCase()} at index ${i} of ${label(what)}`);
  }
  pushUtf8(out, c);
  return i + 1;
}

/** Any UTF-16 surrogate: a string without one is well-formed, and Buffer's UTF-8 of it is exact. */
const surrogate = /[\uD800-\uDFFF]/;

/** UTF-8 bytes of a string; throws SigningError on a lone surrogate instead of substituting U+FFFD. */
export function utf8Bytes(s: string, what: string | (() => string) = 'string'): Uint8Array {
  if (!surrogate.test(s)) return Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < s.length; ) i = pushCodePointAt(out, s, i, what);
  return Uint8Array.from(out);
}

function encodeByteArray(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out += isUnreserved(b) ? String.fromCharCode(b) : `%${HEX[b >> 4] ?? '0'}${HEX[b & 0x0f] ?? '0'}`;
  }
  return out;
}

/**
 * The spec §4 encoding table, used for path segments, query keys and query values: unreserved characters
 * (A-Z a-z 0-9 - _ . ~) stay, every other UTF-8 byte becomes %XX with upper-case hex (space is %20, never +;
 * ! ' ( ) * are encoded, unlike encodeURIComponent). Throws SigningError on a lone surrogate.
 */
export function encodeRfc3986(s: string): string {
  if (unreservedOnly.test(s)) return s;
  const out: number[] = [];
  for (let i = 0; i < s.length; ) i = pushCodePointAt(out, s, i, () => JSON.stringify(s));
  return encodeByteArray(out);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/**
 * Percent-decodes once, to bytes. `+` stays a literal plus. A `%` not followed by two hex digits is kept as a
 * literal `%` (so it re-encodes as %25). Other characters contribute their UTF-8 bytes.
 */
export function percentDecodeToBytes(s: string): Uint8Array {
  if (!s.includes('%')) return utf8Bytes(s, () => JSON.stringify(s));
  const out: number[] = [];
  const what = () => JSON.stringify(s);
  for (let i = 0; i < s.length; ) {
    if (s.charCodeAt(i) === 0x25 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out.push((hi << 4) | lo);
        i += 3;
        continue;
      }
    }
    i = pushCodePointAt(out, s, i, what);
  }
  return Uint8Array.from(out);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Percent-decodes once to text (no `+` to space). Throws SigningError when the decoded bytes are not valid
 * UTF-8: such a query cannot have come from a signer that works on text, and decoding it leniently (U+FFFD)
 * would let two different wire queries share one canonical form.
 */
export function percentDecode(s: string): string {
  try {
    return strictUtf8.decode(percentDecodeToBytes(s));
  } catch (error) {
    if (error instanceof SigningError) throw error;
    throw new SigningError(`invalid percent-encoding (not UTF-8) in ${JSON.stringify(s)}`);
  }
}

/**
 * Canonical URI (spec §4, server-side rule, which the proxy also uses so that what it signs is what it sends):
 * split the raw path on `/`, percent-decode each segment once, re-encode it with the table, join with `/`,
 * and append `/` unless the result already ends with one. An empty path is `/`.
 */
export function canonicalUri(rawPath: string): string {
  const path = rawPath === '' ? '/' : rawPath;
  const joined = path
    .split('/')
    .map((segment) => (unreservedOnly.test(segment) ? segment : encodeByteArray(percentDecodeToBytes(segment))))
    .join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Code-unit (UTF-16) comparison, i.e. what Array.prototype.sort() does with strings. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A decoded query parameter: [key, value]. */
export type QueryPair = readonly [key: string, value: string];

/**
 * Canonical query string (spec §5) from decoded pairs: sort by decoded key in UTF-16 code-unit order, values of a
 * repeated key sorted the same way (as strings: 10 < 100 < 9), each pair `enc(key)=enc(value)` (`key=` for an
 * empty value), joined with `&`.
 */
export function canonicalQuery(pairs: readonly QueryPair[]): string {
  return [...pairs]
    .sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]))
    .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`)
    .join('&');
}

/**
 * Parses a raw query string as received (a leading `?` is ignored): split on `&`, skip empty pieces, split each
 * at the first `=` (`flag` alone is `flag=`), percent-decode key and value without turning `+` into a space.
 * Throws SigningError when a component does not decode to UTF-8.
 */
export function parseRawQuery(rawQuery: string): QueryPair[] {
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  const pairs: QueryPair[] = [];
  for (const piece of query.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : piece.slice(eq + 1);
    pairs.push([percentDecode(key), percentDecode(value)]);
  }
  return pairs;
}

/** Header values as they may arrive (Node's IncomingHttpHeaders) or be given. */
export type HeaderValue = string | readonly string[] | number | undefined;

/** Surrounding HTTP whitespace (SP, HTAB) is not part of a header value: parsers strip it (spec §8.2, quirk Q5). */
export function trimHeaderValue(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, '');
}

function headerValueText(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.length === 0 ? undefined : value.map(trimHeaderValue).join(',');
}

/** Case-insensitive header lookup; returns the trimmed value, or undefined when the header is absent. */
export function getHeader(headers: Readonly<Record<string, HeaderValue>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const text = headerValueText(value);
    if (text !== undefined) return trimHeaderValue(text);
  }
  return undefined;
}

/**
 * Canonical headers block (spec §3): one `name:value\n` line per name of signedHeaderNames, in the order given
 * (the signer passes them sorted), name lower-cased, value looked up case-insensitively and trimmed.
 * Throws SigningError when a named header is missing.
 */
export function canonicalHeaders(
  headers: Readonly<Record<string, HeaderValue>>,
  signedHeaderNames: readonly string[],
): string {
  let block = '';
  for (const rawName of signedHeaderNames) {
    const name = rawName.toLowerCase();
    const value = getHeader(headers, name);
    if (value === undefined) throw new SigningError(`signed header ${JSON.stringify(name)} is missing`);
    block += `${name}:${value}\n`;
  }
  return block;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** X-Sdk-Date (spec §1): YYYYMMDDTHHMMSSZ in UTC, e.g. 20250315T081530Z. */
export function sdkDate(date: Date): string {
  const t = date.getTime();
  if (!Number.isFinite(t)) throw new SigningError('sdkDate: invalid Date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new SigningError(`sdkDate: year ${year} cannot be written as YYYY`);
  return (
    `${pad(year, 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${pad(date.getUTCSeconds(), 2)}Z`
  );
}

const SDK_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses an X-Sdk-Date value; undefined unless it is `^\d{8}T\d{6}Z$` and a real UTC date and time. */
export function parseSdkDate(value: string): Date | undefined {
  const m = SDK_DATE_RE.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  return sdkDate(date) === value ? date : undefined;
}

/** Lower-case hex SHA-256 of bytes, or of a string's UTF-8 bytes (a lone surrogate throws SigningError). */
export function sha256Hex(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? utf8Bytes(data, 'hashed string') : data;
  return createHash('sha256').update(bytes).digest('hex');
}
