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
  // Keyed by author, then by the predecessors in id order, one map level per id (more than two, as
  // JSON): a replay of 10^5 events builds no key strings for the common cases.
  private readonly none = new Map<string, UptakePattern>()
  private readonly one = new Map<string, Map<string, UptakePattern>>()
  private readonly two = new Map<string, Map<string, Map<string, UptakePattern>>>()
  private readonly more = new Map<string, UptakePattern>()
  private count = 0

  add(authorId: string, predecessorIds: readonly string[]): void {
    const n = predecessorIds.length
    if (n === 0) return this.bump(this.none, authorId, authorId, [])
    let a = predecessorIds[0] as string
    if (n === 1 || (n === 2 && predecessorIds[1] === a)) return this.bump(level(this.one, authorId), a, authorId, [a])
    if (n === 2) {
      let b = predecessorIds[1] as string
      if (compareIds(a, b) > 0) [a, b] = [b, a]
      return this.bump(level(level(this.two, authorId), a), b, authorId, [a, b])
    }
    const preds = [...new Set(predecessorIds)].sort(compareIds)
    if (preds.length < 3) return this.add(authorId, preds)
    this.bump(this.more, JSON.stringify([authorId, ...preds]), authorId, preds)
  }

  *values(): IterableIterator<UptakePattern> {
    yield* this.none.values()
    for (const byPred of this.one.values()) yield* byPred.values()
    for (const byFirst of this.two.values()) for (const bySecond of byFirst.values()) yield* bySecond.values()
    yield* this.more.values()
  }

  get size(): number {
    return this.count
  }

  private bump(into: Map<string, UptakePattern>, key: string, authorId: string, preds: readonly string[]): void {
    const pattern = into.get(key)
    if (pattern !== undefined) {
      pattern.weight++
      return
    }
    into.set(key, { authorId, predecessorIds: preds, weight: 1 })
    this.count++
  }
}

function level<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let next = map.get(key)
  if (next === undefined) map.set(key, (next = new Map()))
  return next
}
