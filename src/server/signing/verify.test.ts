// The gateway-side verifier accepts every vector's wire request and refuses each failure mode of spec §8
// with the APIG code and message.
import { describe, expect, it } from 'vitest';
import { signRequest, type SignRequestInput } from './sign.ts';
import { publicVectors, quirkVectors, lookupFor, splitRawUrl, vectorDate, wireRequestOf, type Vector } from './test-vectors.ts';
import { apigErrorBody, verifyRequest, type VerifyRequestInput, type VerifyResult } from './verify.ts';

const MINUTE = 60_000;

function vector(id: string): Vector {
  const v = publicVectors.find((x) => x.id === id);
  if (!v) throw new Error(`no vector ${id}`);
  return v;
}

function verifyVector(v: Vector, change: (req: VerifyRequestInput) => void = () => undefined): VerifyResult {
  const req: VerifyRequestInput = { ...wireRequestOf(v), now: vectorDate(v), lookupSecret: lookupFor(v) };
  change(req);
  return verifyRequest(req);
}

function headersOf(req: VerifyRequestInput): Record<string, string> {
  return req.headers as Record<string, string>;
}

function expectFailure(result: VerifyResult, reason: string, message: RegExp | string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.status).toBe(401);
  expect(result.code).toBe('APIGW.0301');
  expect(result.reason).toBe(reason);
  if (typeof message === 'string') expect(result.message).toBe(message);
  else expect(result.message).toMatch(message);
}

describe('verifyRequest accepts every public vector as it arrives on the wire', () => {
  for (const v of publicVectors) {
    it(`${v.id}: ${v.description}`, () => {
      for (const mode of ['raw', 'whatwg'] as const) {
        const result = verifyRequest({ ...wireRequestOf(v, mode), now: vectorDate(v), lookupSecret: lookupFor(v) });
        expect(result).toMatchObject({ ok: true, ak: v.ak, algorithm: v.algorithm });
        if (!result.ok) continue;
        expect(result.signedHeaders.join(';')).toBe(v.expected.signedHeaders);
        expect(result.projectId).toBe(v.sdkCall.projectId ?? undefined);
        expect(result.securityToken).toBe(v.sdkCall.securityToken ?? undefined);
      }
      // Header names are case-insensitive (Node lower-cases them).
      const lowered = verifyVector(v, (req) => {
        req.headers = Object.fromEntries(Object.entries(req.headers).map(([k, val]) => [k.toLowerCase(), val]));
      });
      expect(lowered.ok).toBe(true);
    });
  }
});

describe('verifyRequest failure modes (spec §8)', () => {
  const get = vector('pub-01');
  const post = vector('pub-04');
  const withQuery = vector('pub-02');

  it('missing Authorization', () => {
    const result = verifyVector(get, (req) => {
      delete headersOf(req).Authorization;
    });
    expectFailure(result, 'missing-authorization', 'Incorrect IAM authentication information: x-auth-token not found');
  });

  it('malformed Authorization', () => {
    const cases = [
      'Basic dXNlcjpwYXNz',
      'SDK-HMAC-SHA256',
      'SDK-HMAC-SHA256 Access=HPUAL3K5TESTVECTAK01, SignedHeaders=host;x-sdk-date',
      'SDK-HMAC-SHA256 Access=HPUAL3K5TESTVECTAK01, SignedHeaders=host;x-sdk-date, Signature=abc',
      'SDK-HMAC-SHA256 SignedHeaders=host;x-sdk-date, Signature=' + '0'.repeat(64),
      'V11-HMAC-SHA256 Credential=AK/2025/cn/cce, SignedHeaders=host;x-sdk-date, Signature=' + '0'.repeat(64),
      'SDK-HMAC-SHA256 Access=A, SignedHeaders=host;;x-sdk-date, Signature=' + '0'.repeat(64),
    ];
    for (const authorization of cases) {
      const result = verifyVector(get, (req) => {
        headersOf(req).Authorization = authorization;
      });
      expectFailure(result, 'malformed-authorization', /^Incorrect IAM authentication information: verify aksk signature fail, /);
    }
  });

  it('unknown AK', () => {
    const result = verifyVector(get, (req) => {
      req.lookupSecret = () => undefined;
    });
    expectFailure(
      result,
      'unknown-ak',
      'Incorrect IAM authentication information: Get secretKey failed,ak:HPUAL3K5TESTVECTAK01,err:ak not exist',
    );
  });

  it('bad signature, wrong SK', () => {
    const flipped = verifyVector(get, (req) => {
      const h = headersOf(req);
      h.Authorization = (h.Authorization ?? '').replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    });
    expectFailure(flipped, 'signature-mismatch', 'Incorrect IAM authentication information: verify aksk signature fail, signature mismatch');
    const wrongSk = verifyVector(get, (req) => {
      req.lookupSecret = () => 'another-secret';
    });
    expectFailure(wrongSk, 'signature-mismatch', /signature mismatch/);
  });

  it('tampered body byte', () => {
    expect(verifyVector(post).ok).toBe(true);
    const result = verifyVector(post, (req) => {
      const body = new Uint8Array(req.body as Uint8Array);
      body[10] = (body[10] ?? 0) ^ 0x01;
      req.body = body;
    });
    expectFailure(result, 'signature-mismatch', /signature mismatch/);
    expectFailure(verifyVector(get, (req) => void (req.body = 'x')), 'signature-mismatch', /signature mismatch/);
  });

  it('tampered query', () => {
    const changes = [
      (q: string) => q.replace('detail=true', 'detail=false'),
      (q: string) => `${q}&extra=1`,
      (q: string) => q.replace('&detail=true', ''),
      (q: string) => q.replace('status=Available', 'status=Available+'),
    ];
    for (const change of changes) {
      const result = verifyVector(withQuery, (req) => {
        req.rawQuery = change(req.rawQuery ?? '');
      });
      expectFailure(result, 'signature-mismatch', /signature mismatch/);
    }
    // Reordering and re-encoding are not tampering.
    const reordered = verifyVector(withQuery, (req) => {
      req.rawQuery = 'type=VirtualMachine&detail=%74rue&version=v1.31&status=Available';
    });
    expect(reordered.ok).toBe(true);
  });

  it('tampered path, method, signed header', () => {
    expectFailure(verifyVector(get, (req) => void (req.rawPath += 'x')), 'signature-mismatch', /mismatch/);
    expectFailure(verifyVector(get, (req) => void (req.method = 'DELETE')), 'signature-mismatch', /mismatch/);
    expectFailure(
      verifyVector(get, (req) => void (headersOf(req)['X-Project-Id'] = 'ffffffffffffffffffffffffffffffff')),
      'signature-mismatch',
      /mismatch/,
    );
    // Unsigned headers may change.
    expect(verifyVector(get, (req) => void (headersOf(req).Accept = '*/*')).ok).toBe(true);
    // Surrounding whitespace is not part of a value.
    expect(verifyVector(get, (req) => void (headersOf(req)['X-Project-Id'] = ` ${headersOf(req)['X-Project-Id'] ?? ''}\t`)).ok).toBe(true);
  });

  it('skew of 16 minutes in either direction is "expired"; 15 minutes is accepted', () => {
    const signedAt = vectorDate(get).getTime();
    for (const offset of [16 * MINUTE, -16 * MINUTE]) {
      const result = verifyVector(get, (req) => void (req.now = new Date(signedAt + offset)));
      expectFailure(
        result,
        'expired',
        /^Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:20250315T081530Z,server time:2025031\dT\d{6}Z$/,
      );
    }
    for (const offset of [15 * MINUTE, -15 * MINUTE]) {
      expect(verifyVector(get, (req) => void (req.now = new Date(signedAt + offset))).ok).toBe(true);
    }
    expect(verifyVector(get, (req) => {
      req.now = new Date(signedAt + 2 * MINUTE);
      req.maxSkewMs = MINUTE;
    }).ok).toBe(false);
  });

  it('x-sdk-date not in SignedHeaders', () => {
    const result = verifyVector(get, (req) => {
      const h = headersOf(req);
      h.Authorization = (h.Authorization ?? '').replace(';x-sdk-date,', ',');
    });
    expectFailure(result, 'date-not-signed', /verify aksk signature fail, x-sdk-date is not in SignedHeaders$/);
  });

  it('a signed header is missing', () => {
    const result = verifyVector(get, (req) => {
      delete headersOf(req)['X-Project-Id'];
    });
    expectFailure(result, 'missing-signed-header', /verify aksk signature fail, signed header x-project-id not found$/);
    const noDate = verifyVector(get, (req) => {
      delete headersOf(req)['X-Sdk-Date'];
    });
    expectFailure(noDate, 'missing-signed-header', /x-sdk-date not found/);
  });

  it('malformed X-Sdk-Date', () => {
    for (const value of ['2025-03-15T08:15:30Z', '20250315T081530', '20250230T081530Z', '1742026530']) {
      const result = verifyVector(get, (req) => void (headersOf(req)['X-Sdk-Date'] = value));
      expectFailure(result, 'bad-date-format', /verify aksk signature fail, X-Sdk-Date ".*" is not YYYYMMDDTHHMMSSZ$/);
    }
  });

  it('answers APIG.0301 when asked, and gives the APIG error body', () => {
    const result = verifyVector(get, (req) => {
      req.lookupSecret = () => undefined;
      req.errorCode = 'APIG.0301';
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('APIG.0301');
    expect(apigErrorBody(result, 'r1')).toEqual({ error_msg: result.message, error_code: 'APIG.0301', request_id: 'r1' });
  });

  it('echoes the canonical request with | in debug mode', () => {
    const result = verifyVector(get, (req) => {
      req.lookupSecret = () => 'wrong';
      req.debug = true;
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(`canonicalRequest: ${get.expected.canonicalRequest.replaceAll('\n', '|')}`);
  });

  it('refuses a query that is not UTF-8 as malformed', () => {
    const result = verifyVector(withQuery, (req) => void (req.rawQuery = 'status=%FF'));
    expectFailure(result, 'malformed-request', /not UTF-8/);
  });
});

describe('payload hash', () => {
  const multipart = vector('pub-21');

  it('UNSIGNED-PAYLOAD: the body is not covered (by design)', () => {
    const result = verifyVector(multipart, (req) => void (req.body = 'anything'));
    expect(result.ok).toBe(true);
  });

  it('a literal x-sdk-content-sha256 must match the body', () => {
    const input: SignRequestInput = {
      method: 'POST',
      url: 'https://cce.cn-north-4.myhuaweicloud.com/v3/x',
      headers: { 'content-type': 'application/json', 'x-sdk-content-sha256': '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' },
      body: '{}',
      credentials: { ak: 'AK1', sk: 'SK1' },
      date: new Date(Date.UTC(2025, 2, 15)),
    };
    const signed = signRequest(input);
    const req: VerifyRequestInput = {
      method: 'POST',
      rawPath: signed.wirePath,
      rawQuery: signed.wireQuery,
      headers: signed.headers,
      body: '{}',
      now: input.date,
      lookupSecret: () => 'SK1',
    };
    expect(verifyRequest(req).ok).toBe(true);
    expectFailure(verifyRequest({ ...req, body: '{ }' }), 'payload-hash-mismatch', /x-sdk-content-sha256 does not match the body/);
  });
});

describe('signRequest -> verifyRequest round trip', () => {
  const date = new Date(Date.UTC(2024, 1, 29, 12, 0, 0));
  const input: SignRequestInput = {
    method: 'post',
    url: "https://[::1]:8443/autopilot/cam/v3/clusters/c1/namespace/ns~1*x/releases/rel@a:b+c!$,;=发布 'x'",
    query: { 'a b': ['2', '10'], 'é': '🚀', empty: '', plus: '+', flag: true },
    headers: { 'Content-Type': 'application/json', 'X-Language': ' zh-cn ' },
    body: '{"name":"发布 🚀","n":1.0}',
    credentials: { ak: 'AK2', sk: 'SK2', projectId: 'proj', securityToken: 'token+/=' },
    date,
  };
  const lookupSecret = (ak: string): string | undefined => (ak === 'AK2' ? 'SK2' : undefined);

  for (const derived of [undefined, { regionId: 'cn-north-4', serviceName: 'cce' }]) {
    it(derived ? 'V11-HMAC-SHA256' : 'SDK-HMAC-SHA256', () => {
      const signed = signRequest({ ...input, derived });
      const { rawPath, rawQuery } = splitRawUrl(signed.wireUrl);
      expect(rawPath).toBe(signed.wirePath);
      expect(rawQuery).toBe(signed.wireQuery);
      const req: VerifyRequestInput = {
        method: 'POST',
        rawPath,
        rawQuery,
        headers: { ...signed.headers, 'content-length': '30', 'user-agent': 'x' },
        body: new TextEncoder().encode('{"name":"发布 🚀","n":1.0}'),
        now: date,
        lookupSecret,
      };
      const result = verifyRequest(req);
      expect(result).toMatchObject({ ok: true, ak: 'AK2', projectId: 'proj', securityToken: 'token+/=' });
      if (derived) {
        expect(result).toMatchObject({ derived: { date: '20240229', ...derived } });
        // The credential date must be the X-Sdk-Date day.
        const h = { ...signed.headers, Authorization: signed.authorization.replace('/20240229/', '/20240228/') };
        expectFailure(verifyRequest({ ...req, headers: h }), 'credential-scope-mismatch', /credential date 20240228/);
        // The scope is signed.
        const r = { ...signed.headers, Authorization: signed.authorization.replace('/cn-north-4/', '/cn-south-1/') };
        expectFailure(verifyRequest({ ...req, headers: r }), 'signature-mismatch', /mismatch/);
      }
      // The path arrives the way a WHATWG client writes it, too.
      const parsed = new URL(signed.wireUrl);
      expect(verifyRequest({ ...req, rawPath: parsed.pathname, rawQuery: parsed.search.slice(1) }).ok).toBe(true);
      // HTTP/2: host arrives as :authority.
      const { host, ...rest } = signed.headers;
      expect(verifyRequest({ ...req, headers: { ...rest, ':authority': host ?? '' } }).ok).toBe(true);
    });
  }
});

describe('quirks.json: what a decode-then-encode gateway rejects is rejected', () => {
  const reasons: Record<string, string> = { 'signature mismatch': 'signature-mismatch', 'bad X-Sdk-Date format': 'bad-date-format' };
  for (const v of quirkVectors) {
    const independent = v.quirk?.independentImplementation;
    if (!independent || independent.serverVerifiesWireRequest) continue;
    it(`${v.id}: ${v.description}`, () => {
      const result = verifyRequest({ ...wireRequestOf(v), now: vectorDate(v), lookupSecret: lookupFor(v) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.reason).toBe(reasons[independent.serverReason ?? ''] ?? 'signature-mismatch');
    });
  }

  it('covers all 8 quirks', () => {
    expect(quirkVectors.filter((v) => v.quirk?.independentImplementation.serverVerifiesWireRequest === false)).toHaveLength(8);
  });
});
