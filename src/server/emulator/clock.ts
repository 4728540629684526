// The emulator's clock. State machines read it; tests drive it (advance), people let it run (EMULATOR_SPEED).
// Signature checks do NOT use it: request signing is about real time (see auth.ts).

export type ClockSnapshot = { now: number; speed: number };

export class EmulatorClock {
  private baseVirtual: number;
  private baseReal: number;
  private speedFactor: number;

  constructor(speed = 1, start = Date.now()) {
    this.speedFactor = speed;
    this.baseVirtual = start;
    this.baseReal = Date.now();
  }

  now(): number {
    return this.baseVirtual + (Date.now() - this.baseReal) * this.speedFactor;
  }

  get speed(): number {
    return this.speedFactor;
  }

  /** Moves virtual time forward by ms (never backwards). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance takes a non-negative number of milliseconds');
    this.rebase();
    this.baseVirtual += ms;
  }

  /** 0 freezes the clock: only advance() moves it. */
  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < 0) throw new RangeError('speed must be a non-negative number');
    this.rebase();
    this.speedFactor = speed;
  }

  snapshot(): ClockSnapshot {
    return { now: this.now(), speed: this.speedFactor };
  }

  private rebase(): void {
    this.baseVirtual = this.now();
    this.baseReal = Date.now();
  }
}
