import type { PermutationBaseline } from '../../shared/metrics'
import { boardScoring } from './board-scoring'
import type { ScoreDeps, ScoreScope } from './score-inputs'

/**
 * The permutation baseline of bridging and uptake (1,000 seeded shuffles of the group labels) for
 * a board as of `at`, over the same input as its profile.
 */
export async function scoreBaselineAt(deps: ScoreDeps, boardId: string, at: number, scope: ScoreScope = {}): Promise<PermutationBaseline> {
  return (await boardScoring(deps, boardId, at, scope, { full: true })).baseline()
}
