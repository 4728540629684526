// A refusal the emulator or the proxy answers with: HTTP status + CCE error code + message, plus any headers the
// answer needs (Retry-After …), rendered by each as the documented CCE error body (seed 7.2). Each keeps its own
// subclass, so a refusal thrown by the in-process emulator is never taken for one of the proxy.

export class HttpRefusal extends Error {
  override readonly name: string = 'HttpRefusal';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
