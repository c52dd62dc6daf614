import { compareIds } from '../events/element-event'
import { forEachEnd, replayHistory } from '../metrics/element-history'
import type { ElementState, HistoryVisitor } from '../metrics/element-history'
import type { ScoredEvent } from '../metrics/scored-events'
import type { NetworkEdge, UptakeNetwork } from './report-data'

export interface UptakeAttribution {
  network: UptakeNetwork
  /** Uptake events per author (metrics.md 5): their sums per group are u_B and u_U. */
  uptakeByPerson: Map<string, number>
}

/**
 * Who built on whose ideas. Each content event adds 1 to the edge from its author to each other
 * person whose last content event it builds on (one per person, however many endpoints they
 * touched last). An edge between groups is uptake in metrics.md's sense; an edge inside a group
 * is building on one's own side, kept so the picture shows both. `events` are `scoredEvents` (B/U
 * only, journal order); `members` are the nodes (equity's participant set).
 */
export function uptakeNetwork(events: readonly ScoredEvent[], members: Iterable<string>): UptakeAttribution {
  const builder = new UptakeNetworkBuilder()
  replayHistory(events, [builder.visitor])
  return builder.result(members)
}

/**
 * `uptakeNetwork` built as the events are replayed, so that a running profile (RunningProfile's
 * `visitors`) keeps it up to date instead of the report replaying every event again.
 */
export class UptakeNetworkBuilder {
  /** Edges by author, then by the person built on. */
  private readonly edges = new Map<string, Map<string, NetworkEdge>>()
  private readonly uptakeByPerson = new Map<string, number>()
  private readonly authors = new Set<string>()

  readonly visitor: HistoryVisitor = (e, history) => {
    this.authors.add(e.participantId)
    let first: ElementState | undefined
    let second: ElementState | undefined
    const add = (state: ElementState | undefined) => {
      if (state === undefined || state.lastId === null) return
      if (first === undefined) first = state
      else second = state
    }
    if (e.kind === 'relabel' || e.kind === 'reconnect' || e.kind === 'delete') add(history[e.elementType].get(e.elementId))
    else if (e.kind === 'create' && e.elementType === 'link') forEachEnd(e, (c) => add(history.concept.get(c)))
    if (first === undefined) return
    if (first.lastGroup !== e.group || (second !== undefined && second.lastGroup !== e.group)) {
      this.uptakeByPerson.set(e.participantId, (this.uptakeByPerson.get(e.participantId) ?? 0) + 1)
    }
    this.edge(e.participantId, first, e.group)
    if (second !== undefined && second.lastId !== first.lastId) this.edge(e.participantId, second, e.group)
  }

  /** The network with `members` as nodes besides every author, and uptake events per author (copies). */
  result(members: Iterable<string>): UptakeAttribution {
    const nodes = new Set(members)
    for (const a of this.authors) nodes.add(a)
    const edges: NetworkEdge[] = []
    for (const byTarget of this.edges.values()) for (const edge of byTarget.values()) edges.push({ ...edge })
    edges.sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to))
    return { network: { nodes: [...nodes].sort(compareIds), edges }, uptakeByPerson: new Map(this.uptakeByPerson) }
  }

  private edge(from: string, state: ElementState, group: ScoredEvent['group']): void {
    const to = state.lastId as string
    if (to === from) return
    let byTarget = this.edges.get(from)
    if (byTarget === undefined) this.edges.set(from, (byTarget = new Map()))
    const edge = byTarget.get(to)
    if (edge) edge.weight++
    else byTarget.set(to, { from, to, weight: 1, uptake: state.lastGroup !== group })
  }
}
