import { compareIds } from '../events/element-event'

/** Content events that share an author and the distinct authors they could build on. */
export interface UptakePattern {
  authorId: string
  /** Distinct, in id order; empty for an event that builds on nothing (a concept create). */
  predecessorIds: readonly string[]
  /** How many content events have this pattern. */
  weight: number
}

/**
 * The permutation baseline's view of uptake: whether an event is uptake depends only on the
 * groups of its author and predecessors, so events are folded by (author, predecessors) as they
 * are replayed. A long board has a few thousand patterns against 10^5 events, and a running
 * profile keeps them up to date instead of keeping every event's candidates.
 */
export class UptakePatterns {
  private readonly byKey = new Map<string, UptakePattern>()

  add(authorId: string, predecessorIds: readonly string[]): void {
    const preds = predecessorIds.length < 2 ? predecessorIds : [...new Set(predecessorIds)].sort(compareIds)
    // JSON keeps ids apart whatever characters they hold.
    const key = JSON.stringify([authorId, ...preds])
    const pattern = this.byKey.get(key)
    if (pattern === undefined) this.byKey.set(key, { authorId, predecessorIds: [...preds], weight: 1 })
    else pattern.weight++
  }

  values(): IterableIterator<UptakePattern> {
    return this.byKey.values()
  }

  get size(): number {
    return this.byKey.size
  }
}
