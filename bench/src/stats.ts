/** Median, p90 and range of one measurement over a benchmark's samples. */
export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The q-quantile with linear interpolation between closest ranks (R's type 7, what numpy
 * and most spreadsheets call the percentile).
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (position - lower);
}

/** @example `median([3, 1, 2]); // 2` */
export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** @example `summarize([1, 2, 3]).p90; // 2.8` */
export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p90: quantile(values, 0.9),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/**
 * A percentile-bootstrap interval for the ratio of two medians (`a` over `b`), from
 * independent resamples of each: how far the noise of a run could move the ratio.
 * Deterministic (a seeded generator), so a report can be reproduced from its samples.
 *
 * @example
 * ```ts
 * const [low, high] = medianRatioInterval(leanInits, handWrittenInits); // e.g. [0.88, 0.95]
 * ```
 */
export function medianRatioInterval(
  a: readonly number[],
  b: readonly number[],
  { level = 0.95, resamples = 2_000, seed = 42 } = {},
): [number, number] {
  if (a.length === 0 || b.length === 0) return [Number.NaN, Number.NaN];
  const random = mulberry32(seed);
  const resample = (values: readonly number[]) =>
    median(Array.from(values, () => values[Math.floor(random() * values.length)] as number));
  const ratios = Array.from({ length: resamples }, () => resample(a) / resample(b));
  const tail = (1 - level) / 2;
  return [quantile(ratios, tail), quantile(ratios, 1 - tail)];
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
