import { groupOf } from '../../shared/roles'
import { boardScoring } from '../history/board-scoring'
import type { ScoreDeps } from '../history/score-inputs'
import { ParticipantDirectory } from '../history/participant-directory'
import { currentSession } from '../sessions/current-session'
import type { BoardSession } from '../../shared/api/sessions'
import type { LiveProfile } from '../../shared/api/live'
import type { SessionService } from '../sessions/session-service'

export type { LiveProfile }

/**
 * The scope a live stream scores: the session it names, else the one running now (a marked session
 * before one found from activity), else the whole board (null). Asked again on every tick, so a
 * stream opened before a session started follows it.
 */
export async function liveScope(sessions: SessionService, boardId: string, named: BoardSession | undefined): Promise<BoardSession | null> {
  if (named) return (await sessions.get(boardId, named.id)) ?? named
  return currentSession((await sessions.list(boardId)).filter((s) => s.open))
}

/**
 * The profile as `GET …/metrics` gives it for the same scope at the same moment (the same call:
 * board-scoring's running profile), and the participation of every brand and customer participant
 * who has connected, with their content events in the scope (0 and null without any).
 */
export async function liveProfile(deps: ScoreDeps, boardId: string, now: number, session: BoardSession | null): Promise<LiveProfile> {
  const at = session && !session.open ? Math.min(now, session.end) : now
  const [scoring, directory] = await Promise.all([
    boardScoring(deps, boardId, at, session ? { from: session.start, session: session.id } : {}),
    ParticipantDirectory.load(deps.metadata, boardId)
  ])
  const counts = scoring.participation()
  const participation: LiveProfile['participation'] = []
  for (const p of directory.records) {
    if (p.firstConnectedAt === null || groupOf(p.role) === null) continue
    const c = counts.get(p.id)
    participation.push({ participant: directory.view(p.id), contentEvents: c?.contentEvents ?? 0, lastContentAt: c?.lastContentAt ?? null })
  }
  return { at, session: session?.id ?? null, metrics: scoring.profile, participation }
}
