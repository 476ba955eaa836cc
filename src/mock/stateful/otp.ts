/**
 * One-time codes "sent by SMS": four digits like the docs' "1234" (the length is undocumented;
 * the spec allows 4 to 8). With a seed the sequence repeats from one run to the next.
 */
import { randomInt } from "node:crypto";

export type OtpSource = () => string;

/** mulberry32: a tiny seeded generator, enough for reproducible codes. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function otpSource(seed?: number): OtpSource {
  const next =
    seed === undefined
      ? () => randomInt(0, 10_000)
      : (
          (random) => () =>
            Math.floor(random() * 10_000)
        )(seeded(seed));
  return () => String(next()).padStart(4, "0");
}
