// Test-only: one standalone emulator (a real child process on a free port, with the IAM user) for a test file.
// Kept apart from test-servers.ts, which the benchmark imports too and which must not pull vitest in.
import { afterAll, beforeAll } from 'vitest';
import { emulatorEnvWithIam, startStandaloneEmulator, type StandaloneEmulator } from './test-servers.ts';

/** Starts the emulator before the file's tests and stops it after them; call the result to reach it. */
export function useStandaloneEmulator(env: Record<string, string> = emulatorEnvWithIam): () => StandaloneEmulator {
  let emulator: StandaloneEmulator | undefined;
  beforeAll(async () => {
    emulator = await startStandaloneEmulator(env);
  }, 30_000);
  afterAll(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error('the standalone emulator is not running (used outside a test?)');
    return emulator;
  };
}
