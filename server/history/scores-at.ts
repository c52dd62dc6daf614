import type { MetricsProfile } from '../../shared/metrics'
import { boardScoring } from './board-scoring'
import type { ScoreDeps, ScoreScope } from './score-inputs'

export type { ScoreScope } from './score-inputs'

/** The metrics.md profile of a board as of `at`, from its derived history. */
export async function scoresAt(deps: ScoreDeps, boardId: string, at: number, scope: ScoreScope = {}): Promise<MetricsProfile> {
  return (await boardScoring(deps, boardId, at, scope)).profile
}
