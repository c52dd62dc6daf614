import { MAX_COMPARED_BOARDS, type ComparedProfile, type CompareTarget, type Comparison } from '../../shared/api/compare'
import { recurringPropositions, type ComparedBoard } from '../../shared/compare/recurring-propositions'
import { groupOf, type Group } from '../../shared/roles'
import { boardScoring } from '../history/board-scoring'
import { mapAt } from '../history/map-at'
import { ParticipantDirectory } from '../history/participant-directory'
import type { AppDeps } from './app-env'
import { boardFromPath } from './routes/boards'
import { historyFeatures, sessionParam } from './routes/history-scope'

export { MAX_COMPARED_BOARDS }
export type { ComparedProfile, CompareTarget, Comparison }

/**
 * The boards (or sessions) side by side: each one's profile as `GET …/metrics` gives it for that
 * scope now, and the propositions found in at least `k` of them (recurring-propositions.ts), from
 * each map as it stands now (a session: as it left it) and when each link was first created, by whom.
 */
export async function compareBoards(deps: AppDeps, targets: readonly CompareTarget[], k: number): Promise<Comparison> {
  const { history } = historyFeatures(deps)
  const loaded = await Promise.all(
    targets.map(async (t) => {
      const board = await boardFromPath(deps, t.boardId)
      const session = await sessionParam(deps, board.id, t.session)
      const now = deps.now()
      const at = session ? (session.open ? now : session.end) : now
      const [scoring, map, linkOrigins] = await Promise.all([
        boardScoring({ history, metadata: deps.store.metadata }, board.id, at, session ? { from: session.start, session: session.id } : {}),
        mapAt(deps.registry, deps.history?.history, board.id, session && !session.open ? at : undefined),
        linkOriginsOf(deps, board.id, at)
      ])
      const id = session ? `${board.id}:${session.id}` : board.id
      const title = session?.name ? `${board.title} - ${session.name}` : board.title
      const profile: ComparedProfile = { id, board: board.id, session: session?.id ?? null, title, focusQuestion: board.focusQuestion, at, metrics: scoring.profile }
      const compared: ComparedBoard = { id, title, map, linkOrigins }
      return { profile, compared }
    })
  )
  const propositions = recurringPropositions(loaded.map((l) => l.compared)).filter((p) => p.boards >= k)
  return { boards: loaded.map((l) => l.profile), k, propositions }
}

/** When each link of a board was first created (up to `at`), and by which side. */
async function linkOriginsOf(deps: AppDeps, boardId: string, at: number): Promise<Map<string, { at: number; side: Group | null }>> {
  const { history } = historyFeatures(deps)
  const directory = await ParticipantDirectory.load(deps.store.metadata, boardId)
  const out = new Map<string, { at: number; side: Group | null }>()
  await history.records(boardId, at, (r) => {
    for (const e of r.events) {
      if (e.kind !== 'create' || e.elementType !== 'link' || out.has(e.elementId)) continue
      out.set(e.elementId, { at: r.at, side: groupOf(directory.role(r.participantId)) })
    }
  })
  return out
}
