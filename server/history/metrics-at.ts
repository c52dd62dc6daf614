import type { MetricsProfile } from '../../shared/metrics'
import { metricsInputAndProfile, type MetricsDeps, type MetricsScope } from './metrics-input'

export type { MetricsScope } from './metrics-input'

/** The metrics.md profile of a board as of `at`, from its derived history. */
export async function metricsAt(deps: MetricsDeps, boardId: string, at: number, scope: MetricsScope = {}): Promise<MetricsProfile> {
  return (await metricsInputAndProfile(deps, boardId, at, scope)).profile
}
