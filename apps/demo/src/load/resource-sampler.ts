import { type ContainerResources, containerResources } from "./container-resources";

/** Every running container at one moment of a load level. */
export interface ResourceSample {
  /** Seconds since the level started. */
  readonly atSeconds: number;
  readonly containers: readonly (ContainerResources & { readonly pid: number })[];
}

/** Options of {@link sampleResources}. */
export interface SamplerOptions {
  /** The running containers' process ids (the runner's `containerPids()`). */
  readonly pids: () => readonly number[];
  /** DynamoDB Local's port: the connections to it are counted. */
  readonly dynamoPort: number;
  readonly everySeconds: number;
}

/**
 * Samples every container's resident memory and connections to DynamoDB at a fixed interval
 * until `stop()`, which returns the samples, a last one included.
 *
 * @example
 * ```ts
 * const sampler = sampleResources({ pids: () => runner.containerPids(), dynamoPort, everySeconds: 5 });
 * await runTheLoad();
 * const samples = sampler.stop();
 * ```
 */
export function sampleResources(options: SamplerOptions): { stop(): ResourceSample[] } {
  const startedAt = performance.now();
  const samples: ResourceSample[] = [];
  const take = () => {
    const containers = options.pids().flatMap((pid) => {
      const resources = containerResources(pid, options.dynamoPort);
      return resources ? [{ pid, ...resources }] : [];
    });
    samples.push({ atSeconds: Math.round((performance.now() - startedAt) / 1000), containers });
  };
  // unref: a sampler left running (its load run failed) must not keep the process alive.
  const timer = setInterval(take, options.everySeconds * 1000).unref();
  return {
    stop() {
      clearInterval(timer);
      // A last sample at the end, unless the interval has just taken one.
      const last = samples.at(-1)?.atSeconds ?? -1;
      if ((performance.now() - startedAt) / 1000 - last >= 1) take();
      return samples;
    },
  };
}

/** What the samples of one level say about growth. */
export interface ResourceTrend {
  /**
   * Rise of the containers' median resident memory over the second half of the level (from
   * the sample nearest its middle to the last), MB; `undefined` with fewer than 3 samples. A
   * leak raises every busy container, so the median; a warming heap has levelled off by
   * then, and one container that starts serving late (its own warm-up) does not move it.
   */
  readonly medianRssGrowthMb: number | undefined;
  /** The same for the highest resident memory of any container. */
  readonly highestRssGrowthMb: number | undefined;
  /** Most connections to DynamoDB any one container held at a sample. */
  readonly maxDynamoSocketsPerContainer: number;
}

/** The middle value (the upper one of an even count); 0 for none. */
export const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
/** The largest value; 0 for none. */
export const highest = (values: readonly number[]) => Math.max(0, ...values);
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * Reads a level's samples for growth: memory over the second half, sockets at any time.
 *
 * @example
 * ```ts
 * const { medianRssGrowthMb } = resourceTrend(samples);
 * ```
 */
export function resourceTrend(samples: readonly ResourceSample[]): ResourceTrend {
  const maxDynamoSocketsPerContainer = highest(
    samples.flatMap((s) => s.containers.map((c) => c.socketsToPort)),
  );
  if (samples.length < 3) {
    return {
      medianRssGrowthMb: undefined,
      highestRssGrowthMb: undefined,
      maxDynamoSocketsPerContainer,
    };
  }
  const rss = (sample: ResourceSample | undefined) => sample?.containers.map((c) => c.rssMb) ?? [];
  const middle = rss(samples[Math.floor(samples.length / 2)]);
  const last = rss(samples.at(-1));
  return {
    medianRssGrowthMb: oneDecimal(median(last) - median(middle)),
    highestRssGrowthMb: oneDecimal(highest(last) - highest(middle)),
    maxDynamoSocketsPerContainer,
  };
}
