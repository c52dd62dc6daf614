import { scoredRound } from '../../shared/metrics/priorities'
import type { ReportVotes } from '../../shared/report/report-data'
import type { BoardMap } from '../../shared/schema/board-map'
import type { ParticipantDirectory } from '../history/participant-directory'
import type { MetadataStore } from '../store/metadata'
import { voteTotals } from '../votes/ballot'

/** The round `metrics.priorities` scores as of `at`, with its dots per concept by side (labels from the map at `at`). */
export async function reportVotes(metadata: MetadataStore, boardId: string, at: number, map: BoardMap, directory: ParticipantDirectory): Promise<ReportVotes | null> {
  const round = scoredRound(await metadata.listVoteRounds(boardId), at)
  if (round === null || round.closedAt === null) return null
  const ballots = (await metadata.listBallots(boardId)).filter((b) => b.roundId === round.id)
  const totals = voteTotals(ballots, (id) => directory.role(id))
  const labels = new Map(map.concepts.map((c) => [c.id, c.label]))
  const concepts = Object.entries(totals)
    .map(([id, t]) => ({ id, label: labels.get(id) ?? null, B: t.B, U: t.U }))
    .filter((c) => c.B + c.U > 0)
    .sort((a, b) => b.B + b.U - (a.B + a.U) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { round: { id: round.id, name: round.name, dots: round.dots, openedAt: round.openedAt, closedAt: round.closedAt }, concepts }
}
