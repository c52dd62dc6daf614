import type { MetricsProfile } from '../../shared/metrics'
import { boardScoring } from './board-scoring'
import type { MetricsDeps, MetricsScope } from './metrics-input'

export type { MetricsScope } from './metrics-input'

/** The metrics.md profile of a board as of `at`, from its derived history. */
export async function metricsAt(deps: MetricsDeps, boardId: string, at: number, scope: MetricsScope = {}): Promise<MetricsProfile> {
  return (await boardScoring(deps, boardId, at, scope)).profile
}
