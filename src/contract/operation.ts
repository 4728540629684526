// The shape of one entry of the operation table (src/contract/operations.ts).
// Every caller (apiFetch in the SPA, the proxy's allowlist, the emulator's router, the tests) reads these.
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How the request body travels: JSON, the multipart form of chart upload/update, or none. */
export type BodyKind = 'json' | 'multipart' | 'none';

/** How the success response is read: JSON parsed by `response`, raw bytes (chart archive), or no body. */
export type ResponseKind = 'json' | 'binary' | 'empty';

export interface OperationSpec<
  Id extends string,
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
> {
  readonly id: Id;
  readonly method: HttpMethod;
  /** Path template exactly as documented, e.g. /autopilot/v3/projects/{project_id}/clusters/{cluster_id}. */
  readonly path: string;
  readonly pathParams: Params;
  readonly query: Query;
  readonly body: Body;
  readonly bodyKind: BodyKind;
  readonly successStatus: number;
  readonly response: Response;
  readonly responseKind: ResponseKind;
  /** Seed section the operation is documented in. */
  readonly section: string;
}

export type AnyOperation = OperationSpec<string, z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Identity helper that keeps the literal types of an operation entry. */
export function defineOperation<
  const Id extends string,
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Response extends z.ZodType,
>(spec: OperationSpec<Id, Params, Query, Body, Response>) {
  return spec;
}

/** Neither query nor body: every key is refused. */
export const noQuerySchema = z.strictObject({});
export const noBodySchema = z.undefined();
export const emptyResponseSchema = z.unknown().transform(() => undefined);

export type OperationParams<O extends AnyOperation> = z.input<O['pathParams']>;
export type OperationQuery<O extends AnyOperation> = z.input<O['query']>;
export type OperationBody<O extends AnyOperation> = z.input<O['body']>;
export type OperationResult<O extends AnyOperation> = z.output<O['response']>;

/** The names of the `{placeholders}` of a path template, in order. */
export function templateParams(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] ?? '');
}
