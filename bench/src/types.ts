// The cold-start benchmark's data: what a run measures (samples) and reports.
import type { SplitFiles } from "./build-variants";
import type { Summary } from "./stats";

/** One cold start and the warm call after it, on one container. */
export interface Sample {
  readonly round: number;
  /** Position of the variant in its round (0 = first after the previous round). */
  readonly position: number;
  /** The container's process id: a new one for every sample. */
  readonly containerPid: number;
  readonly initDurationMs: number;
  readonly firstDurationMs: number;
  /** Init Duration + first Duration: what the first caller waits for, beyond the platform. */
  readonly coldTotalMs: number;
  readonly warmDurationMs: number;
  readonly maxMemoryUsedMb: number;
}

/** Where a report was measured. */
export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
}

/** Median-over-median ratios against the baseline of the same run. */
export interface Ratios {
  readonly initDuration: number;
  readonly firstDuration: number;
  readonly coldTotal: number;
  readonly warmDuration: number;
  readonly maxMemoryUsed: number;
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** One variant's figures. */
export interface VariantResult {
  readonly id: string;
  readonly tag: string;
  readonly label: string;
  readonly bundle: {
    readonly bytes: number;
    readonly gzipBytes: number;
    /** The shipped compile cache, for variants that have one. */
    readonly compileCacheBytes?: number | undefined;
    /** For a split bundle: the entry, the number of chunks, what a cold start reads. */
    readonly split?: SplitFiles | undefined;
  };
  readonly initDurationMs: Summary;
  readonly firstDurationMs: Summary;
  /** Init Duration + first Duration, per sample. */
  readonly coldTotalMs: Summary;
  readonly warmDurationMs: Summary;
  readonly maxMemoryUsedMb: Summary;
  /** Against the hand-written baseline; absent when the baseline was not run. */
  vsBaseline?: Ratios;
  readonly samples: readonly Sample[];
}

/** A goal of the brief, checked against this run. */
export interface Goal {
  readonly goal: string;
  readonly met: boolean;
  readonly measured: string;
}

/** One variant against another of the same run: ratios of medians with their intervals. */
export interface Comparison {
  /** E.g. `(11a) vs (7)`. */
  readonly pair: string;
  readonly what: string;
  readonly coldTotal: { readonly ratio: number; readonly interval: readonly [number, number] };
  readonly initDuration: { readonly ratio: number; readonly interval: readonly [number, number] };
  /** Max Memory Used, medians: this variant's and the other's. */
  readonly maxMemoryUsedMb: readonly [number, number];
}

/** Everything a run found: what `reports/cold-start.json` holds. */
export interface ColdStartReport {
  readonly date: string;
  readonly command: string;
  readonly machine: Machine;
  readonly options: {
    readonly samples: number;
    readonly warmupRounds: number;
    readonly memoryMb: number;
  };
  readonly baseline: string;
  readonly variants: readonly VariantResult[];
  readonly goals: readonly Goal[];
  /** The pairs the docs compare, for the variants this run has. */
  readonly comparisons: readonly Comparison[];
}
