import type { Group } from '../roles'
import type { MetricsLink, MetricsMap, MetricsProfile } from './types'
import { ratio } from './arithmetic'

export type StreamMetrics = MetricsProfile['stream']

/** What the stream metric reads of the board document at T beyond the map: the stream and the concepts' origins. */
export interface StreamState {
  /** S: ids of the items in the board's `stream` map at T. */
  items: ReadonlySet<string>
  /** `origin` of each concept at T that has a string one (others are absent). */
  origins: ReadonlyMap<string, string>
}

/**
 * 11. stream (metrics.md): how much of the map was harvested from the stream (`harvest`, by group
 * in `harvestByGroup`), how much of it the stream's items cover (`coverage`), and the share of
 * propositions built beyond it (`beyond`: neither endpoint comes from the stream). K = the map's
 * concepts, P its propositions; a concept comes from the stream when its origin is a non-empty
 * string naming an item of S. Without `state` (a profile for which the document was not read: the
 * report's timeline, the baseline) every value is null rather than a guess.
 */
export function streamMetrics(
  map: MetricsMap,
  P: readonly MetricsLink[],
  state: StreamState | undefined,
  creatorOf: (conceptId: string) => Group | null
): StreamMetrics {
  if (!state) return { harvest: null, beyond: null, coverage: null, harvestByGroup: { B: null, U: null } }
  const fromStream = new Set<string>()
  const covered = new Set<string>()
  const created = { B: 0, U: 0 }
  const harvested = { B: 0, U: 0 }
  for (const { id } of map.concepts) {
    const origin = state.origins.get(id)
    const harvestedHere = typeof origin === 'string' && origin.length > 0 && state.items.has(origin)
    if (harvestedHere) {
      fromStream.add(id)
      covered.add(origin)
    }
    const group = creatorOf(id)
    if (group) {
      created[group]++
      if (harvestedHere) harvested[group]++
    }
  }
  let beyond = 0
  for (const p of P) if (!fromStream.has(p.from) && !fromStream.has(p.to)) beyond++
  return {
    harvest: ratio(fromStream.size, map.concepts.length),
    beyond: ratio(beyond, P.length),
    coverage: ratio(covered.size, state.items.size),
    harvestByGroup: { B: ratio(harvested.B, created.B), U: ratio(harvested.U, created.U) }
  }
}
