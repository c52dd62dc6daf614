import { compareIds } from '../events/element-event'
import type { ElementState } from './element-history'

/**
 * "Earliest created" order for concepts: by the seq of the latest B/U create at or before T, then
 * by id (which also orders concepts created in one update). A concept with no such create (an
 * imported board, or created by a facilitator) counts as created before every concept that has
 * one; among themselves such concepts are ordered by id.
 */
export function creationOrder(states: ReadonlyMap<string, ElementState>): (a: string, b: string) => number {
  const seqOf = (id: string) => states.get(id)?.createSeq ?? -Infinity
  return (a, b) => {
    const sa = seqOf(a)
    const sb = seqOf(b)
    return sa < sb ? -1 : sa > sb ? 1 : compareIds(a, b)
  }
}
