import * as Y from 'yjs'

type Item = Y.Item
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type: only any fits all
type AnyType = Y.AbstractType<any>

interface Range {
  clock: number
  len: number
}

/**
 * Answers "what did this key hold before the transaction, and what does it hold now" from Yjs
 * internals that stay valid until the transaction's cleanup has finished: `beforeState` (the
 * state vector at the start), `deleteSet` (what this transaction deleted) and the item chain of
 * each map key. Deleted items keep their content until garbage collection, which Yjs runs only
 * after `afterTransaction` listeners have returned, so values removed by this transaction can
 * still be read here.
 *
 * Chain invariant used below: all items of one map key form a list (`left`/`right`); before the
 * transaction at most the rightmost pre-existing item was undeleted (setting a key deletes the
 * previous value). New items may land anywhere in the list (a losing concurrent set lands to the
 * left and is deleted at once), but they never reorder the pre-existing ones.
 */
export class TransactionProbe {
  private readonly deletedRanges = new Map<number, Range[]>()

  constructor(private readonly transaction: Y.Transaction) {}

  /** Whether the item was integrated before this transaction started. */
  existedBefore(item: Item): boolean {
    return item.id.clock < (this.transaction.beforeState.get(item.id.client) ?? 0)
  }

  /** Whether this transaction deleted the item. */
  deletedHere(item: Item): boolean {
    const ranges = this.rangesOf(item.id.client)
    const clock = item.id.clock
    let lo = 0
    let hi = ranges.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const r = ranges[mid] as Range
      if (clock < r.clock) hi = mid - 1
      else if (clock >= r.clock + r.len) lo = mid + 1
      else return true
    }
    return false
  }

  /** The item that held `key` of `type` before the transaction, or null if the key was absent. */
  itemBefore(type: AnyType, key: string): Item | null {
    let item: Item | null = type._map.get(key) ?? null
    while (item !== null && !this.existedBefore(item)) item = item.left
    if (item === null) return null
    return !item.deleted || this.deletedHere(item) ? item : null
  }

  /** The item holding `key` of `type` now, or null if the key is absent. */
  itemAfter(type: AnyType, key: string): Item | null {
    const item = type._map.get(key) ?? null
    return item !== null && !item.deleted ? item : null
  }

  /**
   * Copies and sorts this client's deleted ranges once: the delete set is only sorted by Yjs at
   * cleanup, and a copy keeps the lookup correct whenever the probe is used.
   */
  private rangesOf(client: number): Range[] {
    let ranges = this.deletedRanges.get(client)
    if (ranges === undefined) {
      const raw = (this.transaction.deleteSet.clients.get(client) ?? []) as Range[]
      ranges = raw.map((r) => ({ clock: r.clock, len: r.len })).sort((a, b) => a.clock - b.clock)
      this.deletedRanges.set(client, ranges)
    }
    return ranges
  }
}

/** The value an item holds (the last one if Yjs merged several), or undefined once collected. */
export function itemValue(item: Item | null): unknown {
  if (item === null) return undefined
  const content = item.content.getContent()
  return content[content.length - 1]
}
