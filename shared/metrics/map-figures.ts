import { compareIds } from '../events/element-event'
import type { Group } from '../roles'
import { ratio } from './arithmetic'
import type { CommonGround } from './common-ground'
import { BOTH_GROUPS } from './element-history'
import type { ElementHistory } from './element-history'
import { streamMetrics, type StreamMetrics, type StreamState } from './stream'
import { ConceptGraph, structureOfGraph } from './structure'
import type { MetricsLink, MetricsMap, StructureScore } from './types'

/** The figures of a profile that read the map at T with the history: one pass over its concepts and P. */
export interface MapFigures {
  commonGround: CommonGround
  bridging: number | null
  structure: StructureScore
  novelty: number | null
  stream: StreamMetrics
}

/** Creator group codes of `NodeStates.group`. */
const NONE = 0
const B = 1
const U = 2
const GROUPS: ReadonlyArray<Group | null> = [null, 'B', 'U']

/**
 * The graph of each P array seen lately. A running profile's maps are shared by position (a
 * report's timeline reads the same map at several moments, and at T and t1), so the graph is built
 * once per map rather than once per read; P arrays are never changed once made.
 */
const graphs = new WeakMap<readonly MetricsLink[], ConceptGraph>()

export function graphOf(P: readonly MetricsLink[]): ConceptGraph {
  let graph = graphs.get(P)
  if (graph === undefined) {
    graph = ConceptGraph.of(P)
    graphs.set(P, graph)
  }
  return graph
}

/** What the map figures read of each concept of P's graph, looked up in the history once. */
interface NodeStates {
  group: Uint8Array
  footprint: Uint8Array
  /** The seq of the latest create (-Infinity without one), as `creationOrder` reads it. */
  createSeq: Float64Array
}

function nodeStates(graph: ConceptGraph, history: ElementHistory): NodeStates {
  const n = graph.ids.length
  const group = new Uint8Array(n)
  const footprint = new Uint8Array(n)
  const createSeq = new Float64Array(n)
  const concepts = history.concept
  for (let i = 0; i < n; i++) {
    const state = concepts.get(graph.ids[i] as string)
    if (state === undefined) {
      createSeq[i] = -Infinity
      continue
    }
    group[i] = state.creatorGroup === 'B' ? B : state.creatorGroup === 'U' ? U : NONE
    footprint[i] = state.footprint
    createSeq[i] = state.createSeq ?? -Infinity
  }
  return { group, footprint, createSeq }
}

/** `commonGround` (common-ground.ts) over P's graph, the endpoints' footprints read by node. */
function commonGroundOn(P: readonly MetricsLink[], graph: ConceptGraph, footprint: Uint8Array, history: ElementHistory): CommonGround {
  const links = history.link
  const ends = graph.ends
  let count = 0
  for (let i = 0; i < P.length; i++) {
    const fp = (links.get((P[i] as MetricsLink).id)?.footprint ?? 0) | (footprint[ends[2 * i] as number] as number) | (footprint[ends[2 * i + 1] as number] as number)
    if (fp === BOTH_GROUPS) count++
  }
  return { commonGround: P.length === 0 ? null : count / P.length, commonGroundCount: count }
}

/** Common ground of P with a history (convergence's t1 and cut): as `commonGround`, P's graph shared. */
export function commonGroundOf(P: readonly MetricsLink[], history: ElementHistory): CommonGround {
  const graph = graphOf(P)
  return commonGroundOn(P, graph, nodeStates(graph, history).footprint, history)
}

/**
 * Common ground (3), bridging (4), structure (7), novelty (9) and stream (11) of the map at T with
 * the history as of T, as `commonGround`, `bridgingOf`, `structure`, `novelty` and `streamMetrics`
 * give them (test/unit/metrics/map-figures.test.ts compares them), but reading each concept's
 * history once: those read it per proposition end, up to eight times per link of a 10^4-link map,
 * two dozen times in a report's timeline.
 */
export function mapFigures(map: MetricsMap, P: readonly MetricsLink[], history: ElementHistory, stream: StreamState | undefined): MapFigures {
  const graph = graphOf(P)
  const nodes = nodeStates(graph, history)
  const { group, createSeq } = nodes
  const ids = graph.ids
  const ends = graph.ends

  let external = 0
  let internal = 0
  for (let i = 0; i < P.length; i++) {
    const a = group[ends[2 * i] as number] as number
    if (a === NONE) continue
    const b = group[ends[2 * i + 1] as number] as number
    if (b === NONE) continue
    if (a !== b) external++
    else internal++
  }

  // "Earliest created" (creation-order.ts) by node.
  const compareNodes = (a: number, b: number) => {
    const sa = createSeq[a] as number
    const sb = createSeq[b] as number
    return sa < sb ? -1 : sa > sb ? 1 : compareIds(ids[a] as string, ids[b] as string)
  }

  // Novelty's counts are also the stream's concepts created per group.
  const concepts = history.concept
  let byU = 0
  let byB = 0
  for (const c of map.concepts) {
    const g = concepts.get(c.id)?.creatorGroup ?? null
    if (g === 'U') byU++
    else if (g === 'B') byB++
  }

  return {
    commonGround: commonGroundOn(P, graph, nodes.footprint, history),
    bridging: external + internal === 0 ? null : (external - internal) / (external + internal),
    structure: structureOfGraph(graph, compareNodes, (n) => GROUPS[group[n] as number] as Group | null),
    novelty: byU + byB === 0 ? null : byU / (byU + byB),
    stream: streamOf(map, P, stream, byB, byU, (id) => concepts.get(id)?.creatorGroup ?? null)
  }
}

/**
 * `streamMetrics`; with an empty stream S no concept comes from it, so its values follow from the
 * counts alone (most boards: the stream is optional).
 */
function streamOf(
  map: MetricsMap,
  P: readonly MetricsLink[],
  state: StreamState | undefined,
  createdB: number,
  createdU: number,
  creatorOf: (id: string) => Group | null
): StreamMetrics {
  if (state === undefined || state.items.size > 0) return streamMetrics(map, P, state, creatorOf)
  return {
    harvest: ratio(0, map.concepts.length),
    beyond: ratio(P.length, P.length),
    coverage: null,
    harvestByGroup: { B: ratio(0, createdB), U: ratio(0, createdU) }
  }
}
