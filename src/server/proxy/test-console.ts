// The console of a unit test, over real HTTP on a random loopback port, closed when the test finishes.
import { onTestFinished } from 'vitest';
import type { ConsoleServer } from '../compose.ts';
import { serveConsole, type TestRequest } from './test-servers.ts';

export async function consoleRequest(server: ConsoleServer): Promise<TestRequest> {
  const served = await serveConsole(server);
  onTestFinished(() => served.close());
  return served.request;
}
