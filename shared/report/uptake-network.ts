import { compareIds } from '../events/element-event'
import { forEachEnd, replayHistory } from '../metrics/element-history'
import type { ElementHistory, ElementState } from '../metrics/element-history'
import type { ScoredEvent } from '../metrics/scored-events'
import type { NetworkEdge, UptakeNetwork } from './report-data'

export interface UptakeAttribution {
  network: UptakeNetwork
  /** Uptake events per author (metrics.md 5): their sums per group are u_B and u_U. */
  uptakeByPerson: Map<string, number>
}

/**
 * The states an event builds on, as metrics.md 5 reads them: for a relabel, reconnect or delete of
 * x, x's last content event (within x's current incarnation); for a link create, the last content
 * event on each endpoint concept; nothing for a concept create.
 */
function buildsOn(e: ScoredEvent, history: ElementHistory): ElementState[] {
  const out: ElementState[] = []
  const add = (state: ElementState | undefined) => {
    if (state !== undefined && state.lastId !== null) out.push(state)
  }
  if (e.kind === 'relabel' || e.kind === 'reconnect' || e.kind === 'delete') add(history[e.elementType].get(e.elementId))
  else if (e.kind === 'create' && e.elementType === 'link') forEachEnd(e, (c) => add(history.concept.get(c)))
  return out
}

/**
 * Who built on whose ideas. Each content event adds 1 to the edge from its author to each other
 * person whose last content event it builds on (one per person, however many endpoints they
 * touched last). An edge between groups is uptake in metrics.md's sense; an edge inside a group
 * is building on one's own side, kept so the picture shows both. `events` are `scoredEvents` (B/U
 * only, journal order); `members` are the nodes (equity's participant set).
 */
export function uptakeNetwork(events: readonly ScoredEvent[], members: Iterable<string>): UptakeAttribution {
  const weights = new Map<string, NetworkEdge>()
  const uptakeByPerson = new Map<string, number>()
  const nodes = new Set(members)
  replayHistory(events, [
    (e, history) => {
      nodes.add(e.participantId)
      const states = buildsOn(e, history)
      if (states.some((s) => s.lastGroup !== e.group)) uptakeByPerson.set(e.participantId, (uptakeByPerson.get(e.participantId) ?? 0) + 1)
      const seen = new Set<string>()
      for (const s of states) {
        const to = s.lastId as string
        if (to === e.participantId || seen.has(to)) continue
        seen.add(to)
        const key = JSON.stringify([e.participantId, to])
        const edge = weights.get(key)
        if (edge) edge.weight++
        else weights.set(key, { from: e.participantId, to, weight: 1, uptake: s.lastGroup !== e.group })
      }
    }
  ])
  const edges = [...weights.values()].sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to))
  return { network: { nodes: [...nodes].sort(compareIds), edges }, uptakeByPerson }
}
