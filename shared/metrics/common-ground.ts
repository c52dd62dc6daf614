import { BOTH_GROUPS } from './element-history'
import type { ElementHistory } from './element-history'
import { propositions } from '../schema/board-map'
import type { MetricsLink, MetricsMap } from './types'

/** P of a map: links whose two endpoint concepts are present (the map's own when it has them). */
export function propositionsOf(map: MetricsMap): readonly MetricsLink[] {
  return map.propositions ?? propositions(map)
}

export interface CommonGround {
  commonGround: number | null
  commonGroundCount: number
}

/**
 * 3. Share of propositions P whose footprint — groups of the authors of content events on the link
 * and on its two endpoint concepts, each since its latest create — is {B, U}. Null when P is empty;
 * the count is then 0.
 */
export function commonGround(P: readonly MetricsLink[], history: ElementHistory): CommonGround {
  const fp = (states: ElementHistory['concept'], id: string) => states.get(id)?.footprint ?? 0
  let count = 0
  for (const p of P) {
    const footprint = fp(history.link, p.id) | fp(history.concept, p.from) | fp(history.concept, p.to)
    if (footprint === BOTH_GROUPS) count++
  }
  return { commonGround: P.length === 0 ? null : count / P.length, commonGroundCount: count }
}
