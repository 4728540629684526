// IAM "获取IAM用户Token（使用密码）" (POST /v3/auth/tokens, seed 3.1 lines 474-590, 3.2 "Token认证"): the request a
// caller sends for a project-scoped token and the answer it reads. The emulator issues tokens with these schemas;
// the proxy's token mode asks Huawei IAM (or the emulator) with them.
import { z } from 'zod';
import { requestObjectError } from './common.ts';

export const iamTokenPath = '/v3/auth/tokens';
/** The response header that carries the token (seed 3.3, figure 3-2: "x-subject-token"). */
export const iamSubjectTokenHeader = 'X-Subject-Token';
/** Seed 3.2: "Token的有效期为24小时". */
export const iamTokenLifetimeMs = 24 * 3600_000;

const requiredString = (what: string, max = 255) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`);

const strict = <S extends z.core.$ZodLooseShape>(what: string, shape: S) =>
  z.strictObject(shape, requestObjectError(what, Object.keys(shape).join(', ')));

const passwordUserSchema = strict('auth.identity.password.user', {
  name: requiredString('auth.identity.password.user.name', 64),
  password: requiredString('auth.identity.password.user.password', 256),
  domain: strict('auth.identity.password.user.domain', { name: requiredString('auth.identity.password.user.domain.name', 64) }),
});

/** Seed 3.2: CCE needs a project-level token, so `auth.scope.project` (by id or by name, e.g. "cn-north-4"). */
const projectScopeSchema = strict('auth.scope.project', {
  id: requiredString('auth.scope.project.id', 64).optional(),
  name: requiredString('auth.scope.project.name', 64).optional(),
}).refine((p) => p.id !== undefined || p.name !== undefined, 'auth.scope.project needs an id or a name');

export const iamPasswordTokenRequestSchema = strict('body', {
  auth: strict('auth', {
    identity: strict('auth.identity', {
      methods: z
        .array(z.literal('password', { error: 'auth.identity.methods supports only "password"' }), {
          error: 'auth.identity.methods must be an array',
        })
        .length(1, 'auth.identity.methods must be ["password"]'),
      password: strict('auth.identity.password', { user: passwordUserSchema }),
    }),
    scope: strict('auth.scope', { project: projectScopeSchema }),
  }),
});
export type IamPasswordTokenRequest = z.input<typeof iamPasswordTokenRequestSchema>;

/** The body of a password-method, project-scoped token request. */
export function passwordTokenRequest(input: {
  user: string;
  password: string;
  domain: string;
  project: { id: string } | { name: string };
}): IamPasswordTokenRequest {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: input.user, password: input.password, domain: { name: input.domain } } },
      },
      scope: { project: input.project },
    },
  };
}

// Responses are read tolerantly: IAM adds fields (catalog entries, roles) freely.
const iamDomainSchema = z.looseObject({ id: z.string(), name: z.string() });

export const iamTokenSchema = z.looseObject({
  /** RFC 3339 with microseconds, e.g. "2019-02-13T06:52:13.855000Z" (seed 3.3). */
  expires_at: z.string(),
  issued_at: z.string(),
  methods: z.array(z.string()),
  project: z.looseObject({ id: z.string(), name: z.string(), domain: iamDomainSchema }),
  user: z.looseObject({
    id: z.string(),
    name: z.string(),
    domain: iamDomainSchema,
    password_expires_at: z.string().nullish(),
  }),
  roles: z.array(z.looseObject({ id: z.string(), name: z.string() })).nullish(),
  catalog: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        name: z.string().nullish(),
        type: z.string(),
        endpoints: z.array(
          z.looseObject({
            id: z.string().nullish(),
            interface: z.string().nullish(),
            region: z.string().nullish(),
            region_id: z.string().nullish(),
            url: z.string(),
          }),
        ),
      }),
    )
    .nullish(),
});
export type IamToken = z.infer<typeof iamTokenSchema>;

export const iamTokenResponseSchema = z.looseObject({ token: iamTokenSchema });
export type IamTokenResponse = z.infer<typeof iamTokenResponseSchema>;

/** IAM's own error form: {"error": {"code": 401, "message": "...", "title": "Unauthorized"}}. */
export const iamErrorBodySchema = z.looseObject({
  error: z.looseObject({ code: z.number(), message: z.string(), title: z.string().nullish() }),
});
export type IamErrorBody = z.infer<typeof iamErrorBodySchema>;

const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 415: 'Unsupported Media Type' };

export function iamErrorBody(code: number, message: string): IamErrorBody {
  return { error: { code, message, title: titles[code] ?? 'Error' } };
}
