// The emulator's IAM: POST /v3/auth/tokens with the password method and a project scope (seed 3.1 "获取用户Token",
// 3.2 "Token认证"). It knows one user; a token it issues is accepted as X-Auth-Token for 24 h of real time (a token
// is about the caller's wall clock, like a signature, not about the driven clock of the state machines).
// Tokens live in memory only: after a restart callers log in again, as they must when IAM revokes a token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { describeIssues } from '../../contract/validation.ts';
import {
  iamErrorBody,
  iamPasswordTokenRequestSchema,
  iamSubjectTokenHeader,
  iamTokenLifetimeMs,
  type IamTokenResponse,
} from '../../contract/iam.ts';
import type { TokenRecord } from './auth.ts';

export type IamIdentity = { user: string; password: string; domain: string };

/** Documented in the README: a local test identity, never a real account. */
export const defaultIamIdentity: IamIdentity = { user: 'emulator-user', password: 'emulator-password', domain: 'emulator-domain' };

export type IamServiceOptions = {
  identity: IamIdentity;
  projectId: string;
  region: string;
  tokens: Map<string, TokenRecord>;
  /** Real time (ms); tests may pass their own. */
  now?: () => number;
};

/** IAM prints times with microseconds: "2019-02-13T06:52:13.855000Z" (seed 3.3). */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Stable ids derived from names, so they survive a restart like real IAM ids. */
const idOf = (kind: string, name: string) => createHash('sha256').update(`${kind}:${name}`).digest('hex').slice(0, 32);

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function iamResponse(status: number, body: unknown, traceId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'X-IAM-Trace-Id': traceId, ...headers },
  });
}

export function createIamService(options: IamServiceOptions) {
  const now = options.now ?? (() => Date.now());
  const { identity, projectId, region, tokens } = options;
  const domain = { id: idOf('domain', identity.domain), name: identity.domain };
  const userId = idOf('user', `${identity.domain}/${identity.user}`);

  function catalog(origin: string) {
    // The caller found IAM at `origin`; the emulated CCE answers on the same address.
    return [
      {
        id: idOf('service', 'cce'),
        name: 'cce',
        type: 'cce',
        endpoints: [{ id: idOf('endpoint', `cce/${region}`), interface: 'public', region, region_id: region, url: origin }],
      },
      {
        id: idOf('service', 'iam'),
        name: 'iam',
        type: 'iam',
        endpoints: [{ id: idOf('endpoint', 'iam'), interface: 'public', region: '*', region_id: '*', url: `${origin}/v3` }],
      },
    ];
  }

  /** POST /v3/auth/tokens. Nothing is stored unless the answer is 201. */
  async function issueToken(request: Request): Promise<Response> {
    const traceId = randomBytes(16).toString('hex');
    const fail = (status: number, message: string) => iamResponse(status, iamErrorBody(status, message), traceId);

    const contentType = request.headers.get('content-type') ?? '';
    if (contentType && !/^application\/json\b/i.test(contentType)) {
      return fail(400, `Content-Type ${contentType} is not supported; use application/json`);
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await request.arrayBuffer()));
    } catch {
      return fail(400, 'The request body is not valid JSON.');
    }
    const parsed = iamPasswordTokenRequestSchema.safeParse(json);
    if (!parsed.success) return fail(400, `Invalid request: ${describeIssues(parsed.error)}`);
    const { user } = parsed.data.auth.identity.password;
    const scope = parsed.data.auth.scope.project;

    // One answer for a wrong user, password or domain: IAM does not say which one was wrong.
    const known =
      sameSecret(user.name, identity.user) && sameSecret(user.domain.name, identity.domain) && sameSecret(user.password, identity.password);
    if (!known) return fail(401, 'The username or password is wrong.');

    // A project's name is its region's id (seed 3.1: scope.project.name "cn-north-4").
    const idMatches = scope.id === undefined || scope.id === projectId;
    const nameMatches = scope.name === undefined || scope.name === region;
    if (!idMatches || !nameMatches) {
      const asked = [scope.id && `id ${scope.id}`, scope.name && `name ${scope.name}`].filter(Boolean).join(', ');
      return fail(400, `The project (${asked}) does not exist in domain ${identity.domain}: this emulator serves project ${projectId} (name ${region}).`);
    }

    const issuedAt = now();
    const expiresAt = issuedAt + iamTokenLifetimeMs;
    const token = `MII${randomBytes(384).toString('base64')}`;
    tokens.set(token, { projectId, user: identity.user, expiresAt });

    const noCatalog = new URL(request.url).searchParams.get('nocatalog') === 'true';
    const body: IamTokenResponse = {
      token: {
        expires_at: iamTime(expiresAt),
        issued_at: iamTime(issuedAt),
        methods: ['password'],
        project: { id: projectId, name: region, domain },
        user: { id: userId, name: identity.user, domain, password_expires_at: '' },
        roles: [{ id: '0', name: 'te_admin' }],
        ...(noCatalog ? {} : { catalog: catalog(new URL(request.url).origin) }),
      },
    };
    return iamResponse(201, body, traceId, { [iamSubjectTokenHeader]: token });
  }

  return { issueToken, domain, userId };
}
