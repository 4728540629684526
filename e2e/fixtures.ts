// Every test starts from a known emulator scenario with a frozen clock; time is advanced, never waited for.
import { test as base, expect, type APIRequestContext } from '@playwright/test';

export type EmulatorControl = {
  reset(scenario?: 'demo' | 'empty'): Promise<void>;
  advance(ms: number): Promise<void>;
};

function control(request: APIRequestContext): EmulatorControl {
  return {
    async reset(scenario = 'demo') {
      const res = await request.post('/__emulator/reset', { data: { scenario, speed: 0 } });
      expect(res.ok(), await res.text()).toBe(true);
    },
    async advance(ms) {
      const res = await request.post('/__emulator/clock', { data: { advanceMs: ms } });
      expect(res.ok(), await res.text()).toBe(true);
    },
  };
}

export const test = base.extend<{ emulator: EmulatorControl }>({
  emulator: async ({ request }, use) => {
    const emulator = control(request);
    await emulator.reset('demo');
    await use(emulator);
  },
});

export { expect };
