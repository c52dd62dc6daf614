import { contributions } from '../../shared/report/contributions'
import { pulseDistribution } from '../../shared/report/pulse-distribution'
import type { ReportData, ReportPerson } from '../../shared/report/report-data'
import { groupOf } from '../../shared/roles'
import type { HistoryFeatures } from '../history/history-features'
import { boardScoring } from '../history/board-scoring'
import { ParticipantDirectory } from '../history/participant-directory'
import type { BoardSession } from '../../shared/api/sessions'
import type { BoardRecord, MetadataStore } from '../store/metadata'
import { reportTimeline } from './report-timeline'
import { reportVotes } from './report-votes'

export interface ReportDeps {
  features: HistoryFeatures
  metadata: MetadataStore
  now: () => number
}

/**
 * Everything the facilitator report shows, for a board or one of its sessions. T is what
 * `GET …/metrics` uses for the same scope (now, or a finished session's end), so the report's
 * profile is that endpoint's profile. The map's picture is not in it: the page asks for it apart
 * (`GET …/report/picture`, report-picture-at.ts), so the figures do not wait for the drawing.
 */
export async function buildReport(deps: ReportDeps, board: BoardRecord, session?: BoardSession): Promise<ReportData> {
  const generatedAt = deps.now()
  const at = session && !session.open ? Math.min(session.end, generatedAt) : generatedAt
  const metricsDeps = { history: deps.features.history, metadata: deps.metadata }
  const [scoring, directory, sessions] = await Promise.all([
    boardScoring(metricsDeps, board.id, at, session ? { from: session.start, session: session.id } : {}, { full: true }),
    ParticipantDirectory.load(deps.metadata, board.id),
    deps.features.sessions.list(board.id)
  ])
  const { profile } = scoring
  const input = scoring.input()
  const baseline = scoring.baseline()

  let firstAt = Infinity
  for (const e of input.events) if (e.at < firstAt) firstAt = e.at
  const from = session?.start ?? Math.min(firstAt, board.createdAt, at)

  // The timeline's last moment is `at` itself: the profile above (same scope, events and inputs), not
  // a 24th replayed profile (~20 ms of a 10^4-link map).
  const profilesAt = async (moments: readonly number[]) => {
    const rest = moments.filter((t) => t !== at)
    const scored = rest.length > 0 ? await scoring.profilesAt(rest) : []
    let i = 0
    return moments.map((t) => (t === at ? profile : (scored[i++] as typeof profile)))
  }
  const timeline = await reportTimeline({ snapshots: deps.features.snapshots, profilesAt }, { boardId: board.id, from, at, scoped: session !== undefined })

  // The same events and participant set the profile scored.
  const { members, attribution } = scoring.people()
  const { network, uptakeByPerson } = attribution
  const personOf = (id: string): ReportPerson => {
    const v = directory.view(id)
    return { id, name: v.name, role: v.role, group: groupOf(v.role) }
  }
  const counts = contributions(input.events, at, { members, personOf, uptakeByPerson })
  const { map: mapAtT } = await deps.features.history.mapAt(board.id, at)
  const votes = await reportVotes(deps.metadata, board.id, at, mapAtT, directory)

  return {
    board: { id: board.id, title: board.title, focusQuestion: board.focusQuestion },
    sessions,
    session: session ?? null,
    from,
    at,
    generatedAt,
    profile,
    baseline,
    timeline,
    people: counts.people.map((c) => c.person),
    contributions: counts,
    network,
    pulse: pulseDistribution(input.pulses ?? [], at),
    votes
  }
}
