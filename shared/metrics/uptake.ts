import type { Group } from '../roles'
import { ratio } from './arithmetic'
import { forEachEnd } from './element-history'
import type { ElementHistory, ElementState, HistoryVisitor } from './element-history'
import type { ScoredEvent } from './scored-events'
import type { UptakePatterns } from './uptake-patterns'

export interface UptakeCounts {
  /** Content events per group (n_B, n_U). */
  content: Record<Group, number>
  /** Uptake events per group (u_B, u_U). */
  uptake: Record<Group, number>
}

/**
 * The states whose last content event an event could build on: for a relabel, reconnect or delete
 * of x, x itself (rule a: the history restarts at each create, so "the last content event on x
 * before e" is within x's current incarnation); for a link create, its endpoint concepts (rule b);
 * none for a concept create, which is never uptake.
 */
function predecessors(e: ScoredEvent, history: ElementHistory, f: (s: ElementState) => void): void {
  if (e.kind === 'relabel' || e.kind === 'reconnect' || e.kind === 'delete') {
    const state = history[e.elementType].get(e.elementId)
    if (state !== undefined && state.lastId !== null) f(state)
  } else if (e.kind === 'create' && e.elementType === 'link') {
    forEachEnd(e, (c) => {
      const state = history.concept.get(c)
      if (state !== undefined && state.lastId !== null) f(state)
    })
  }
}

/**
 * Counts content and uptake events per group (an event is uptake when a predecessor's last
 * author is of the other group); with `patterns`, also folds every content event's authors into
 * them (the permutation baseline).
 */
export function uptakeVisitor(counts: UptakeCounts, patterns?: UptakePatterns): HistoryVisitor {
  return (e, history) => {
    counts.content[e.group]++
    let took = false
    const ids: string[] | null = patterns === undefined ? null : []
    predecessors(e, history, (state) => {
      if (state.lastGroup !== e.group) took = true
      ids?.push(state.lastId as string)
    })
    if (took) counts.uptake[e.group]++
    if (patterns !== undefined) patterns.add(e.participantId, ids as string[])
  }
}

export function emptyUptakeCounts(): UptakeCounts {
  return { content: { B: 0, U: 0 }, uptake: { B: 0, U: 0 } }
}

/** 5. uptake.brand = u_B / n_B, uptake.customer = u_U / n_U (null when that group has no content events). */
export function uptake(counts: UptakeCounts): { brand: number | null; customer: number | null } {
  return {
    brand: ratio(counts.uptake.B, counts.content.B),
    customer: ratio(counts.uptake.U, counts.content.U)
  }
}
