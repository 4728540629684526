// The one error type every failed call becomes: HTTP status, CCE error code, message, request id, operation.
import type { FieldIssue } from '../contract/validation.ts';

export type ApiErrorKind = 'http' | 'network' | 'parse' | 'aborted';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  readonly requestId: string | null;
  readonly operationId: string;
  readonly kind: ApiErrorKind;
  /** For a 2xx that failed to parse, or a 400 naming fields: which fields. */
  readonly issues: readonly FieldIssue[];

  constructor(init: {
    status: number;
    code: string | null;
    message: string;
    requestId: string | null;
    operationId: string;
    kind: ApiErrorKind;
    issues?: readonly FieldIssue[];
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.operationId = init.operationId;
    this.kind = init.kind;
    this.issues = init.issues ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
