/* Operator metrics in the Prometheus text format (docs/operations.md#metrics). */
export { createMetrics, type Metrics, type MetricsDeps, type SealedRecordLike } from './service.js';
export { exposeMetrics, metricsConfig, bearerMatches, type MetricsConfig, type MetricsExposure } from './module.js';
