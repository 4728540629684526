// THE fetch function of the SPA: builds the URL from the operation's template, sends JSON or multipart, parses
// success with the operation's response schema and turns every failure into an ApiError.
import { csrfHeaderName } from '../contract/console.ts';
import { errorBodySchema } from '../contract/errors.ts';
import type { AnyOperation, OperationBody, OperationParams, OperationQuery, OperationResult } from '../contract/operation.ts';
import { fieldIssues } from '../contract/validation.ts';
import { ApiError } from './api-error.ts';

export type ApiFetchOptions<O extends AnyOperation> = {
  params?: OperationParams<O>;
  query?: OperationQuery<O>;
  body?: OperationBody<O>;
  signal?: AbortSignal;
};

/** Fills `{name}` placeholders, percent-encoding each value as one path segment. */
export function buildPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

export function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString().replaceAll('+', '%20');
  return text ? `?${text}` : '';
}

function toFormData(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    if (value instanceof Blob) form.append(key, value, value instanceof File ? value.name : 'chart.tgz');
    else form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return form;
}

async function readErrorBody(response: Response): Promise<{ code: string | null; message: string | null; requestId: string | null }> {
  const text = await response.text().catch(() => '');
  if (!text) return { code: null, message: null, requestId: null };
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: the text itself is the message
  }
  return { code: null, message: text.slice(0, 500), requestId: null };
}

export async function apiFetch<O extends AnyOperation>(operation: O, options: ApiFetchOptions<O> = {}): Promise<OperationResult<O>> {
  const path = buildPath(operation.path, (options.params ?? {}) as Record<string, unknown>);
  const url = `${path}${buildQuery(options.query as Record<string, unknown> | undefined)}`;
  const headers: Record<string, string> = { accept: operation.responseKind === 'binary' ? 'application/octet-stream' : 'application/json' };
  let body: BodyInit | undefined;
  if (operation.bodyKind === 'json' && options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (operation.bodyKind === 'multipart') {
    body = toFormData(options.body);
  } else if (operation.method !== 'GET') {
    headers['content-type'] = 'application/json';
  }
  if (operation.method !== 'GET') headers[csrfHeaderName] = '1';

  let response: Response;
  try {
    response = await fetch(url, { method: operation.method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (error) {
    if (options.signal?.aborted) {
      throw new ApiError({ status: 0, code: null, message: 'The request was cancelled', requestId: null, operationId: operation.id, kind: 'aborted' });
    }
    throw new ApiError({
      status: 0,
      code: null,
      message: error instanceof Error ? error.message : 'Network error',
      requestId: null,
      operationId: operation.id,
      kind: 'network',
    });
  }
  const headerRequestId = response.headers.get('x-request-id');
  if (!response.ok) {
    const { code, message, requestId } = await readErrorBody(response);
    throw new ApiError({
      status: response.status,
      code,
      message: message ?? (response.statusText || `HTTP ${response.status}`),
      requestId: requestId ?? headerRequestId,
      operationId: operation.id,
      kind: 'http',
    });
  }

  let payload: unknown;
  if (operation.responseKind === 'binary') payload = await response.arrayBuffer();
  else if (operation.responseKind === 'empty') payload = undefined;
  else {
    const text = await response.text();
    if (text === '') payload = undefined;
    else {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = text;
      }
    }
  }
  const parsed = operation.response.safeParse(payload);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    const first = issues[0];
    throw new ApiError({
      status: response.status,
      code: null,
      message: `Unexpected response of ${operation.id}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid body'}`,
      requestId: headerRequestId,
      operationId: operation.id,
      kind: 'parse',
      issues,
    });
  }
  return parsed.data as OperationResult<O>;
}
