/**
 * The simulator's clock: real time plus an offset the tests move forward
 * (`POST /__control/clock`), so an OTP's expiry can be reached without waiting.
 */
export class SimulatedClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, simulated. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
