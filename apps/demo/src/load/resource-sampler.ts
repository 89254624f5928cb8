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
  const timer = setInterval(take, options.everySeconds * 1000);
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
   * Largest rise of resident memory in one container over the second half of the level (from
   * the sample nearest its middle to the last), MB, among containers alive in both: a leak
   * keeps rising there, a warming heap has levelled off. `undefined` with fewer than 3 samples.
   */
  readonly secondHalfRssGrowthMb: number | undefined;
  /** Most connections to DynamoDB any one container held at a sample. */
  readonly maxDynamoSocketsPerContainer: number;
}

/**
 * Reads a level's samples for growth: memory over the second half, sockets at any time.
 *
 * @example
 * ```ts
 * const { secondHalfRssGrowthMb } = resourceTrend(samples);
 * ```
 */
export function resourceTrend(samples: readonly ResourceSample[]): ResourceTrend {
  const maxDynamoSocketsPerContainer = Math.max(
    0,
    ...samples.flatMap((s) => s.containers.map((c) => c.socketsToPort)),
  );
  if (samples.length < 3) return { secondHalfRssGrowthMb: undefined, maxDynamoSocketsPerContainer };
  const middle = samples[Math.floor(samples.length / 2)] as ResourceSample;
  const last = samples.at(-1) as ResourceSample;
  const atMiddle = new Map(middle.containers.map((c) => [c.pid, c.rssMb]));
  const growths = last.containers.flatMap((c) => {
    const before = atMiddle.get(c.pid);
    return before === undefined ? [] : [c.rssMb - before];
  });
  return {
    secondHalfRssGrowthMb: Math.round(Math.max(0, ...growths) * 10) / 10,
    maxDynamoSocketsPerContainer,
  };
}
