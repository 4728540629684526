// The proxy's own answers: the documented CCE error body (both key spellings), so the SPA reads a refusal of the
// proxy exactly like one of CCE.
import { cceErrorBody } from '../../contract/errors.ts';
import { HttpRefusal } from '../http-refusal.ts';

/** A request the proxy refuses before (or instead of) forwarding it. */
export class ProxyRefusal extends HttpRefusal {
  override readonly name = 'ProxyRefusal';
}

/** Codes of refusals that are the proxy's own, not CCE's. */
export const consoleErrorCodes = {
  unauthenticated: 'CONSOLE.401',
  tooManyLogins: 'CONSOLE.429',
  upstreamUnreachable: 'CONSOLE.502',
  iamFailed: 'CONSOLE.502.IAM',
  upstreamTimeout: 'CONSOLE.504',
} as const;

/** An answer of the proxy's own: the documented CCE error body, as status, headers and bytes. */
export function errorAnswer(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return {
    status,
    statusText: '',
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: Buffer.from(JSON.stringify(cceErrorBody(code, message))),
  };
}

export const refusalAnswer = (refusal: ProxyRefusal) => errorAnswer(refusal.status, refusal.code, refusal.message, refusal.headers);

/** The same as a web Response (the Hono pages). */
export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  const answer = errorAnswer(status, code, message, headers);
  return new Response(answer.body, { status, headers: answer.headers });
}

export function refusalResponse(refusal: ProxyRefusal): Response {
  return jsonError(refusal.status, refusal.code, refusal.message, refusal.headers);
}
