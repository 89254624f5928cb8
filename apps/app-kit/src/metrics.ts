import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { ClientCreation } from "@org/aws-core";

/**
 * The app's metrics, in CloudWatch's embedded metric format (EMF) through Powertools for AWS
 * Lambda's Metrics: namespace `POWERTOOLS_METRICS_NAMESPACE` (default `LambdaApps`), the
 * function as the `service` dimension.
 *
 * @example
 * ```ts
 * const metrics = createMetrics("users-api");
 * if (coldStart) metrics.captureColdStartMetric();
 * ```
 */
export function createMetrics(service: string): Metrics {
  return new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || "LambdaApps",
    serviceName: service,
  });
}

/** One `ClientCreationTime` metric (milliseconds), with the client's name as a dimension. */
export function publishClientCreation(metrics: Metrics, creation: ClientCreation): void {
  const metric = metrics.singleMetric();
  metric.addDimension("client", creation.name);
  metric.addMetric("ClientCreationTime", MetricUnit.Milliseconds, creation.durationMs);
}
