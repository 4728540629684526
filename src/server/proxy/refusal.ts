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

export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(cceErrorBody(code, message)), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

export function refusalResponse(refusal: ProxyRefusal): Response {
  return jsonError(refusal.status, refusal.code, refusal.message, refusal.headers);
}
