// The signer reproduces every captured SDK vector, and each canonicalisation rule of spec §1-§7a holds.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_BODY_SHA256,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  encodeRfc3986,
  parseRawQuery,
  parseSdkDate,
  percentDecode,
  sdkDate,
  sha256Hex,
} from './canonical.ts';
import { derivedSigningKey, signRequest, type SignRequestInput } from './sign.ts';
import { publicVectors, quirkVectors, signInputFromVector, signInputFromVectorHeadersAsIs } from './test-vectors.ts';

const AK = 'HPUAL3K5TESTVECTAK01';
const SK = 'tV3cT0rS3cr3tK3yF0rS1gn1ngT3st0nly000001';
const DATE = new Date(Date.UTC(2025, 2, 15, 8, 15, 30));
const HOST = 'cce.cn-north-4.myhuaweicloud.com';

function base(overrides: Partial<SignRequestInput> = {}): SignRequestInput {
  return {
    method: 'GET',
    url: `https://${HOST}/autopilot/v3/addons`,
    headers: { 'content-type': 'application/json' },
    credentials: { ak: AK, sk: SK },
    date: DATE,
    ...overrides,
  };
}

function lines(canonicalRequest: string): string[] {
  return canonicalRequest.split('\n');
}

describe('signRequest reproduces every public vector', () => {
  it('has the 27 public vectors', () => {
    expect(publicVectors).toHaveLength(27);
  });

  for (const v of publicVectors) {
    it(`${v.id}: ${v.description}`, () => {
      const signed = signRequest(signInputFromVector(v));
      expect(signed.canonicalRequest).toBe(v.expected.canonicalRequest);
      expect(signed.stringToSign).toBe(v.expected.stringToSign);
      expect(signed.signature).toBe(v.expected.signature);
      expect(signed.authorization).toBe(v.expected.authorization);
      expect(signed.headers.Authorization).toBe(v.expected.authorization);
      expect(signed.signedHeaders).toBe(v.expected.signedHeaders);
      expect(signed.payloadHash).toBe(v.expected.payloadHash);
      expect(signed.host).toBe(v.expected.host);
      expect(signed.headers.host).toBe(v.expected.host);
      expect(signed.algorithm).toBe(v.algorithm);

      // The same result when the vector's headers are handed over unchanged (X-Project-Id as a header,
      // X-Sdk-Content-Sha256 literal, the multipart content-type present).
      expect(signRequest(signInputFromVectorHeadersAsIs(v)).authorization).toBe(v.expected.authorization);

      // What goes on the wire re-canonicalises to what was signed.
      const [, uri, query] = lines(v.expected.canonicalRequest);
      expect(canonicalUri(signed.wirePath)).toBe(uri);
      expect(signed.wireQuery).toBe(query);
      expect(canonicalQuery(parseRawQuery(signed.wireQuery))).toBe(query);
    });
  }
});

describe('quirks.json: the signer computes what the documented algorithm computes', () => {
  for (const v of quirkVectors) {
    const independent = v.quirk?.independentImplementation.clientCanonicalRequest;
    // quirk-06 drops undefined/null keys (Q6) instead of signing the wire's empty values; quirk-08 is refused.
    if (independent === undefined || v.id === 'quirk-06' || v.id === 'quirk-08') continue;
    it(`${v.id}: ${v.description}`, () => {
      expect(signRequest(signInputFromVector(v)).canonicalRequest).toBe(independent);
    });
  }

  it('quirk-06: undefined / null query values are dropped', () => {
    const v = quirkVectors.find((q) => q.id === 'quirk-06');
    expect(v).toBeDefined();
    if (!v) return;
    const signed = signRequest({ ...signInputFromVector(v), query: { status: undefined, type: null, detail: 'true' } });
    expect(lines(signed.canonicalRequest)[2]).toBe('detail=true');
    expect(signed.wireQuery).toBe('detail=true');
  });

  it('quirk-08: header names with "_" are refused', () => {
    const v = quirkVectors.find((q) => q.id === 'quirk-08');
    expect(v).toBeDefined();
    if (!v) return;
    expect(() => signRequest(signInputFromVector(v))).toThrow(/"x_a_c".*"_"/);
  });
});

describe('encodeRfc3986', () => {
  it('leaves exactly the unreserved set alone', () => {
    const unreserved = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~';
    expect(encodeRfc3986(unreserved)).toBe(unreserved);
    for (let c = 0; c < 0x80; c++) {
      const ch = String.fromCharCode(c);
      if (unreserved.includes(ch)) continue;
      expect(encodeRfc3986(ch)).toBe(`%${c.toString(16).toUpperCase().padStart(2, '0')}`);
    }
  });

  it('encodes the spec table examples, with upper-case hex', () => {
    const table: Record<string, string> = {
      ' ': '%20',
      '*': '%2A',
      '!': '%21',
      "'": '%27',
      '(': '%28',
      ')': '%29',
      '+': '%2B',
      '@': '%40',
      ':': '%3A',
      ',': '%2C',
      ';': '%3B',
      '=': '%3D',
      $: '%24',
      '&': '%26',
      '/': '%2F',
      '?': '%3F',
      '%': '%25',
      é: '%C3%A9',
      '\u00ff': '%C3%BF',
      中: '%E4%B8%AD',
      '🚀': '%F0%9F%9A%80',
      '\u{10FFFF}': '%F4%8F%BF%BF',
    };
    for (const [input, output] of Object.entries(table)) expect(encodeRfc3986(input)).toBe(output);
  });

  it("is stricter than encodeURIComponent for ! ' ( ) *", () => {
    expect(encodeURIComponent("!'()*")).toBe("!'()*");
    expect(encodeRfc3986("!'()*")).toBe('%21%27%28%29%2A');
    expect(encodeRfc3986('a b+c')).toBe('a%20b%2Bc');
  });

  it('throws a clear error on a lone surrogate', () => {
    expect(() => encodeRfc3986('a\uD83D')).toThrow(/ERR_INVALID_URI: lone high surrogate U\+D83D/);
    expect(() => encodeRfc3986('\uD83Dx')).toThrow(/lone high surrogate/);
    expect(() => encodeRfc3986('\uDE80')).toThrow(/lone low surrogate U\+DE80/);
  });
});

describe('canonicalUri', () => {
  it('forces one trailing slash', () => {
    expect(canonicalUri('/autopilot/v3/addons')).toBe('/autopilot/v3/addons/');
    expect(canonicalUri('/autopilot/v3/addons/')).toBe('/autopilot/v3/addons/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('')).toBe('/');
  });

  it('decodes each segment once and re-encodes it with the table', () => {
    expect(canonicalUri('/releases/my%20release')).toBe('/releases/my%20release/');
    expect(canonicalUri('/releases/my release')).toBe('/releases/my%20release/');
    expect(canonicalUri('/a%2fb/%7e/%2a')).toBe('/a%2Fb/~/%2A/');
    expect(canonicalUri('/ns~1*x/rel@a:b+c!$,;=发布')).toBe('/ns~1%2Ax/rel%40a%3Ab%2Bc%21%24%2C%3B%3D%E5%8F%91%E5%B8%83/');
    expect(canonicalUri('/%E5%8F%91%E5%B8%83')).toBe('/%E5%8F%91%E5%B8%83/');
    expect(canonicalUri('/%25252F')).toBe('/%25252F/'); // decoded once only
    expect(canonicalUri('/a//b')).toBe('/a//b/');
  });

  it('keeps a stray % as a literal percent', () => {
    expect(canonicalUri('/100%')).toBe('/100%25/');
    expect(canonicalUri('/%zz')).toBe('/%25zz/');
  });
});

describe('canonicalQuery / parseRawQuery', () => {
  it('sorts decoded keys by UTF-16 code unit (hold-07)', () => {
    const pairs = parseRawQuery('b=1&%C3%A9=6&a%3A=4&~t=7&_z=5&A=2&a0=3&Zz=8');
    expect(canonicalQuery(pairs)).toBe('A=2&Zz=8&_z=5&a0=3&a%3A=4&b=1&~t=7&%C3%A9=6');
    const signed = signRequest(base({ query: { b: 1, é: 6, 'a:': 4, '~t': 7, _z: 5, A: 2, a0: 3, Zz: 8 } }));
    expect(signed.wireQuery).toBe('A=2&Zz=8&_z=5&a0=3&a%3A=4&b=1&~t=7&%C3%A9=6');
  });

  it('sorts the values of a repeated key as strings (hold-08: 10, 100, 9)', () => {
    expect(signRequest(base({ query: { n: [9, 100, 10] } })).wireQuery).toBe('n=10&n=100&n=9');
    expect(canonicalQuery(parseRawQuery('n=9&n=100&n=10'))).toBe('n=10&n=100&n=9');
    expect(canonicalQuery([['k', 'b'], ['j', 'z'], ['k', 'a']])).toBe('j=z&k=a&k=b');
  });

  it('stringifies numbers and booleans, writes key= for empty values', () => {
    const signed = signRequest(base({ query: { limit: 500, detail: true, off: false, empty: '' } }));
    expect(signed.wireQuery).toBe('detail=true&empty=&limit=500&off=false');
    expect(canonicalQuery(parseRawQuery('flag&x='))).toBe('flag=&x=');
  });

  it('drops undefined and null keys and array items (quirk Q6)', () => {
    const signed = signRequest(base({ query: { a: undefined, b: null, c: ['x', null, undefined, 'w'], d: [] } }));
    expect(signed.wireQuery).toBe('c=w&c=x');
  });

  it('accepts decoded pairs', () => {
    expect(signRequest(base({ query: [['q', 'a b'], ['p', '+']] })).wireQuery).toBe('p=%2B&q=a%20b');
  });

  it('parses the raw query: & pieces, first =, no + to space', () => {
    expect(parseRawQuery('?a=b=c&&x=1+2&y=%2B&z=%20&&')).toEqual([
      ['a', 'b=c'],
      ['x', '1+2'],
      ['y', '+'],
      ['z', ' '],
    ]);
    expect(parseRawQuery('')).toEqual([]);
    expect(canonicalQuery(parseRawQuery('x=1+2'))).toBe('x=1%2B2');
  });

  it('re-canonicalises what querystring.stringify puts on the wire', () => {
    // querystring leaves ! ' ( ) * ~ raw; the gateway decodes and re-encodes them.
    expect(canonicalQuery(parseRawQuery("namespace=team%20a~b*c&s=(x)!'"))).toBe('namespace=team%20a~b%2Ac&s=%28x%29%21%27');
  });

  it('refuses a query that does not decode to UTF-8', () => {
    expect(() => percentDecode('%FF')).toThrow(/not UTF-8/);
    expect(() => parseRawQuery('a=%C3')).toThrow(/not UTF-8/);
    expect(percentDecode('%F0%9F%9A%80')).toBe('🚀');
  });
});

describe('canonicalHeaders', () => {
  it('lower-cases names, trims values, keeps inner whitespace, follows the given order', () => {
    const headers = { 'X-Language': '  en-us ', Host: HOST, 'x-sdk-date': '20250315T081530Z', 'X-Note': 'a  b' };
    expect(canonicalHeaders(headers, ['host', 'x-language', 'x-note', 'x-sdk-date'])).toBe(
      `host:${HOST}\nx-language:en-us\nx-note:a  b\nx-sdk-date:20250315T081530Z\n`,
    );
  });

  it('throws when a named header is missing', () => {
    expect(() => canonicalHeaders({ host: HOST }, ['host', 'x-sdk-date'])).toThrow(/"x-sdk-date" is missing/);
  });
});

describe('sdkDate / parseSdkDate / sha256Hex', () => {
  it('formats YYYYMMDDTHHMMSSZ in UTC, dropping milliseconds', () => {
    expect(sdkDate(DATE)).toBe('20250315T081530Z');
    expect(sdkDate(new Date(Date.UTC(2024, 1, 29, 12, 0, 0, 999)))).toBe('20240229T120000Z');
    expect(sdkDate(new Date('2025-12-31T23:59:59.5-01:00'))).toBe('20260101T005959Z');
    expect(() => sdkDate(new Date(Number.NaN))).toThrow(/invalid Date/);
  });

  it('parses only real basic-format dates', () => {
    expect(parseSdkDate('20250315T081530Z')?.getTime()).toBe(DATE.getTime());
    expect(parseSdkDate('2025-03-15T08:15:30Z')).toBeUndefined();
    expect(parseSdkDate('20250315T081530')).toBeUndefined();
    expect(parseSdkDate('20250231T081530Z')).toBeUndefined();
    expect(parseSdkDate('20250315T246000Z')).toBeUndefined();
  });

  it('hashes bytes and UTF-8 strings alike', () => {
    expect(sha256Hex('')).toBe(EMPTY_BODY_SHA256);
    expect(sha256Hex('{}')).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(sha256Hex(new TextEncoder().encode('é🚀'))).toBe(sha256Hex('é🚀'));
  });
});

describe('signRequest rules', () => {
  it('adds host, X-Sdk-Date and Authorization, and signs content-type when given', () => {
    const signed = signRequest(base());
    expect(signed.signedHeaders).toBe('content-type;host;x-sdk-date');
    expect(signed.headers).toEqual({
      'content-type': 'application/json',
      host: HOST,
      'X-Sdk-Date': '20250315T081530Z',
      Authorization: signed.authorization,
    });
    expect(signed.authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=HPUAL3K5TESTVECTAK01, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    expect(signed.signature).toBe(createHmac('sha256', SK).update(signed.stringToSign).digest('hex'));
    expect(signed.stringToSign).toBe(
      `SDK-HMAC-SHA256\n20250315T081530Z\n${createHash('sha256').update(signed.canonicalRequest).digest('hex')}`,
    );
  });

  it('adds X-Project-Id and X-Security-Token from the credentials', () => {
    const signed = signRequest(base({ credentials: { ak: AK, sk: SK, projectId: 'p1', securityToken: 'tok==' } }));
    expect(signed.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date;x-security-token');
    expect(signed.headers['X-Project-Id']).toBe('p1');
    expect(signed.headers['X-Security-Token']).toBe('tok==');
    expect(signed.canonicalRequest).toContain('\nx-security-token:tok==\n\ncontent-type;');
  });

  it('trims header values and lower-cases names (quirk Q5)', () => {
    const signed = signRequest(base({ headers: { 'X-Language': '  en-us \t', 'content-type': 'application/json' } }));
    expect(signed.canonicalRequest).toContain('\nx-language:en-us\n');
    expect(signed.headers['x-language']).toBe('en-us');
  });

  it('refuses header names containing "_" (quirk Q8) and other unsignable headers', () => {
    expect(() => signRequest(base({ headers: { x_a_c: '2' } }))).toThrow(/"_"/);
    expect(() => signRequest(base({ headers: { 'X-Sdk-Date': '2025-03-15T08:15:30Z' } }))).toThrow(/X-Sdk-Date/);
    expect(() => signRequest(base({ headers: { 'X-Sdk-Date': '20250315T081531Z' } }))).toThrow(/X-Sdk-Date/);
    // A copy that agrees with `date` is harmless.
    expect(signRequest(base({ headers: { 'X-Sdk-Date': '20250315T081530Z' } })).signedHeaders).toBe('host;x-sdk-date');
    expect(() => signRequest(base({ headers: { Authorization: 'x' } }))).toThrow(/Authorization/);
    expect(() => signRequest(base({ headers: { 'x-a': 'line\r\nx-b: injected' } }))).toThrow(/cannot be sent/);
    expect(() => signRequest(base({ headers: { 'x a': '1' } }))).toThrow(/invalid header name/);
    expect(() => signRequest(base({ headers: { 'X-A': '1', 'x-a': '2' } }))).toThrow(/twice/);
    expect(() => signRequest(base({ headers: { 'X-Sdk-Content-Sha256': 'abc' } }))).toThrow(/UNSIGNED-PAYLOAD or/);
    expect(() =>
      signRequest(base({ headers: { 'x-project-id': 'other' }, credentials: { ak: AK, sk: SK, projectId: 'p1' } })),
    ).toThrow(/disagrees/);
  });

  it('sorts signed header names by code unit, not localeCompare', () => {
    const headers = { 'x~a': '1', 'x.a': '2', xa: '3', x0: '4', 'x-a': '5', 'content-type': 'application/json' };
    const signed = signRequest(base({ headers }));
    expect(signed.signedHeaders).toBe('content-type;host;x-a;x-sdk-date;x.a;x0;xa;x~a');
    expect(signed.canonicalRequest).toContain('\nx.a:2\nx0:4\nxa:3\nx~a:1\n\n');
  });

  it('treats header names like constructor / toString as plain names', () => {
    const signed = signRequest(base({ headers: { constructor: 'c', toString: 's' } }));
    expect(signed.headers).toMatchObject({ constructor: 'c', tostring: 's' });
    expect(signed.signedHeaders).toBe('constructor;host;tostring;x-sdk-date');
  });

  it('keeps an explicit :443, :8443, IPv4 and bracketed IPv6 host[:port]', () => {
    const cases: [string, string][] = [
      [`https://${HOST}:443/v3/x`, `${HOST}:443`],
      ['https://cce.example.internal:8443/v3/x', 'cce.example.internal:8443'],
      ['http://127.0.0.1:8080/v3/x', '127.0.0.1:8080'],
      ['http://[::1]:8080/v3/x', '[::1]:8080'],
      ['http://[::1]/v3/x', '[::1]'],
      ['https://CCE.CN-North-4.MyHuaweiCloud.com/v3/x', HOST],
    ];
    for (const [url, host] of cases) {
      const signed = signRequest(base({ url }));
      expect(signed.host).toBe(host);
      expect(signed.headers.host).toBe(host);
      expect(signed.canonicalRequest).toContain(`\nhost:${host}\n`);
      expect(signed.wireUrl).toBe(`${url.slice(0, url.indexOf(':'))}://${host}/v3/x`);
    }
  });

  it('lets a host header override the URL host (SDK behaviour)', () => {
    const signed = signRequest(base({ url: 'https://10.0.0.1/v3/x', headers: { host: HOST } }));
    expect(signed.canonicalRequest).toContain(`\nhost:${HOST}\n`);
    expect(signed.wireUrl).toBe('https://10.0.0.1/v3/x');
  });

  it('sends the canonical path without the forced trailing slash', () => {
    expect(signRequest(base({ url: `https://${HOST}/autopilot/v3/addons` })).wirePath).toBe('/autopilot/v3/addons');
    expect(signRequest(base({ url: `https://${HOST}/a/my release/*x` })).wirePath).toBe('/a/my%20release/%2Ax');
    expect(signRequest(base({ url: `https://${HOST}/a/b/` })).wirePath).toBe('/a/b/');
    expect(signRequest(base({ url: `https://${HOST}` })).wirePath).toBe('/');
    expect(signRequest(base({ url: `https://${HOST}/` })).wirePath).toBe('/');
    const v = signRequest(base({ url: `https://${HOST}/ns/a|b'c` }));
    expect(v.wirePath).toBe('/ns/a%7Cb%27c');
    expect(lines(v.canonicalRequest)[1]).toBe('/ns/a%7Cb%27c/');
  });

  it('signs a query written into the URL (quirk Q9); with `query` too, they must agree', () => {
    const signed = signRequest(base({ url: `https://${HOST}/v3/addons?cluster_id=abc&b=%2B&a=1` }));
    expect(signed.wireQuery).toBe('a=1&b=%2B&cluster_id=abc');
    expect(signed.wireUrl).toBe(`https://${HOST}/v3/addons?a=1&b=%2B&cluster_id=abc`);
    const both = signRequest(base({ url: `https://${HOST}/v3/addons?n=9&n=10&a=1`, query: { a: 1, n: [10, 9] } }));
    expect(both.wireQuery).toBe('a=1&n=10&n=9');
    expect(() => signRequest(base({ url: `https://${HOST}/v3/addons?a=1`, query: { a: '2' } }))).toThrow(/disagrees/);
    expect(signRequest(base({ url: `https://${HOST}/v3/addons?a=1`, query: {} })).wireQuery).toBe('a=1');
  });

  it('the wire URL and query of a vector give the same signature as its queryParams', () => {
    for (const v of publicVectors) {
      const input = signInputFromVector(v);
      expect(signRequest({ ...input, url: v.url }).signature).toBe(v.expected.signature);
      expect(signRequest({ ...input, url: v.url, query: undefined }).signature).toBe(v.expected.signature);
    }
  });

  it('refuses dot segments, lone surrogates, relative URLs and user info', () => {
    expect(() => signRequest(base({ url: `https://${HOST}/a/../b` }))).toThrow(/dot segment/);
    expect(() => signRequest(base({ url: `https://${HOST}/a/%2e/b` }))).toThrow(/dot segment/);
    expect(() => signRequest(base({ query: { q: 'x\uD800' } }))).toThrow(/lone high surrogate/);
    expect(() => signRequest(base({ url: `https://${HOST}/a\uDC00` }))).toThrow(/lone low surrogate/);
    expect(() => signRequest(base({ url: '/autopilot/v3/addons' }))).toThrow(/absolute/);
    expect(() => signRequest(base({ url: `https://u:p@${HOST}/x` }))).toThrow(/user info/);
    expect(() => signRequest(base({ body: 'x\uD800', method: 'POST' }))).toThrow(/surrogate/);
  });

  it('hashes the exact body bytes, never re-serialised (quirk Q3)', () => {
    const text = '{"b": 1,\n "a":"é", "n": 1.50}';
    const asString = signRequest(base({ method: 'POST', body: text }));
    const asBytes = signRequest(base({ method: 'POST', body: new TextEncoder().encode(text) }));
    expect(asString.payloadHash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(asBytes.signature).toBe(asString.signature);
    expect(signRequest(base({ method: 'POST', body: '' })).payloadHash).toBe(EMPTY_BODY_SHA256);
    expect(signRequest(base({ method: 'POST', body: new Uint8Array([0, 255, 10]) })).payloadHash).toBe(
      createHash('sha256').update(Buffer.from([0, 255, 10])).digest('hex'),
    );
  });

  it('signs UNSIGNED-PAYLOAD and leaves a multipart content-type out', () => {
    const signed = signRequest(
      base({
        method: 'PUT',
        url: `https://${HOST}/autopilot/v2/charts/c1`,
        headers: { 'content-type': 'multipart/form-data' },
        body: '--b\r\n...',
        unsignedPayload: true,
        credentials: { ak: AK, sk: SK, projectId: 'p1' },
      }),
    );
    expect(signed.signedHeaders).toBe('host;x-project-id;x-sdk-content-sha256;x-sdk-date');
    expect(signed.payloadHash).toBe('UNSIGNED-PAYLOAD');
    expect(signed.headers['X-Sdk-Content-Sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(signed.headers['content-type']).toBeUndefined();
    expect(lines(signed.canonicalRequest).at(-1)).toBe('UNSIGNED-PAYLOAD');
  });

  it('signs an unsigned YAML payload with its content-type', () => {
    const signed = signRequest(
      base({ method: 'POST', headers: { 'content-type': 'application/yaml' }, body: 'a: 1\n', unsignedPayload: true }),
    );
    expect(signed.signedHeaders).toBe('content-type;host;x-sdk-content-sha256;x-sdk-date');
  });
});

describe('V11-HMAC-SHA256 (derived AK/SK)', () => {
  const derived = { regionId: 'cn-north-4', serviceName: 'cce' };

  it('uses the HKDF hex *string* as the HMAC key', () => {
    const info = '20250315/cn-north-4/cce';
    // RFC 5869 by hand: PRK = HMAC(salt = AK, IKM = SK); OKM = HMAC(PRK, info || 0x01), L = 32.
    const prk = createHmac('sha256', AK).update(SK).digest();
    const okm = createHmac('sha256', prk).update(Buffer.concat([Buffer.from(info), Buffer.from([1])])).digest();
    const keyHex = derivedSigningKey(AK, SK, info);
    expect(keyHex).toBe(okm.toString('hex'));
    expect(keyHex).toMatch(/^[0-9a-f]{64}$/);

    const signed = signRequest(base({ derived, credentials: { ak: AK, sk: SK, projectId: 'p1' } }));
    expect(signed.algorithm).toBe('V11-HMAC-SHA256');
    expect(signed.stringToSign).toBe(
      `V11-HMAC-SHA256\n20250315T081530Z\n${info}\n${sha256Hex(signed.canonicalRequest)}`,
    );
    expect(signed.signature).toBe(createHmac('sha256', keyHex).update(signed.stringToSign).digest('hex'));
    expect(signed.signature).not.toBe(createHmac('sha256', okm).update(signed.stringToSign).digest('hex'));
    expect(signed.authorization).toBe(
      `V11-HMAC-SHA256 Credential=${AK}/${info}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=${signed.signature}`,
    );
  });

  it('has the same canonical request as SDK-HMAC-SHA256', () => {
    expect(signRequest(base({ derived })).canonicalRequest).toBe(signRequest(base()).canonicalRequest);
  });

  it('refuses an incomplete scope', () => {
    expect(() => signRequest(base({ derived: { regionId: '', serviceName: 'cce' } }))).toThrow(/regionId/);
    expect(() => signRequest(base({ derived: { regionId: 'a/b', serviceName: 'cce' } }))).toThrow(/regionId/);
  });
});
