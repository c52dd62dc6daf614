import { attributeEvents, type BoardEvent } from '../../shared/events/element-event'
import { computeProfile, type MetricsParticipant, type MetricsProfile } from '../../shared/metrics'
import type { BoardMap } from '../../shared/schema/board-map'
import type { MetadataStore } from '../store/metadata'
import type { HistoryService } from './history-service'
import { ParticipantDirectory } from './participant-directory'

const EMPTY_MAP: BoardMap = { title: '', focusQuestion: '', concepts: [], links: [] }

export interface MetricsScope {
  /** Only events at or after this moment count (a session's start). */
  from?: number
}

/**
 * The metrics.md profile of a board as of `at`, from its derived history. `computeProfile` asks for
 * the map at a few moments (T, the last event, the convergence cut) synchronously; those moments
 * follow from the events alone, so a first pass learns them, they are fetched (each a fast seek),
 * and the second pass gives the result.
 */
export async function metricsAt(
  deps: { history: HistoryService; metadata: MetadataStore },
  boardId: string,
  at: number,
  scope: MetricsScope = {}
): Promise<MetricsProfile> {
  const directory = await ParticipantDirectory.load(deps.metadata, boardId)
  const from = scope.from ?? -Infinity
  const events: BoardEvent[] = []
  await deps.history.records(boardId, at, (r) => {
    if (r.at < from || r.events.length === 0) return
    const attributed = attributeEvents(r.events, { seq: r.seq, at: r.at, participantId: r.participantId, role: directory.role(r.participantId) })
    for (const e of attributed) events.push(e)
  })
  const participants: MetricsParticipant[] = []
  for (const p of directory.records) {
    if (p.firstConnectedAt !== null) participants.push({ id: p.id, role: p.role, firstConnectedAt: p.firstConnectedAt })
  }
  const maps = new Map<number, BoardMap>()
  for (let pass = 0; ; pass++) {
    const missing = new Set<number>()
    const profile = computeProfile({
      at,
      events,
      participants,
      mapAt: (t) => {
        const m = maps.get(t)
        if (m) return m
        missing.add(t)
        return EMPTY_MAP
      }
    })
    if (missing.size === 0) return profile
    if (pass >= 3) throw new Error('metrics kept asking for new moments of the map')
    for (const t of missing) maps.set(t, (await deps.history.mapAt(boardId, t)).map)
  }
}
