import * as Y from 'yjs'
import { ChangeCollector, type AcceptedChanges } from './accepted-changes'

/**
 * Derives each journal entry's changes on a private copy of the board fed strictly in seq order.
 * With several instances a room's own document can receive entry N+1 (its own) before entry N (from
 * another instance), and what an entry "changed" depends on what was there before it: deriving on
 * that document would give each instance its own history. Fed in seq order from the same journal,
 * every instance derives the same records, so any of them may write them (the writes are idempotent).
 * Costs a second copy of the document per loaded board, only when instances share boards.
 */
export class SeqOrderedChanges {
  private readonly doc = new Y.Doc({ guid: 'board' })
  private readonly collector = new ChangeCollector(this.doc)

  /** `state`: the board exactly as of the last entry the room has applied (no entry after it). */
  constructor(state: Uint8Array) {
    // Typed before anything is applied, as the room's document is: the collector reads them as maps.
    for (const name of ['concepts', 'links', 'meta']) this.doc.getMap(name)
    Y.applyUpdate(this.doc, state)
    this.doc.on('afterTransaction', this.collector.observe)
  }

  /** The changes of the next entry in seq order. */
  derive(update: Uint8Array): AcceptedChanges {
    this.collector.reset()
    Y.applyUpdate(this.doc, update)
    return this.collector.take()
  }

  /** The board as of the last entry derived: what a checkpoint of that seq must hold. */
  encodeStateV2(): Uint8Array {
    return Y.encodeStateAsUpdateV2(this.doc)
  }

  destroy(): void {
    this.doc.destroy()
  }
}
