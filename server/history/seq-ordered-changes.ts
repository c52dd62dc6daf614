import * as Y from 'yjs'
import type { AcceptedEntries } from '../sync/accepted-port'
import type { JournalEntry } from '../sync/journal-port'
import { ChangeCollector, type AcceptedChanges } from './accepted-changes'

/**
 * Derives each journal entry's changes on a private copy of the board fed strictly in seq order.
 * With several instances a room's own document can receive entry N+1 (its own) before entry N (from
 * another instance), and what an entry "changed" depends on what was there before it: deriving on
 * that document would give each instance its own history. Fed in seq order from the same journal,
 * every instance derives the same records, so any of them may write them (the writes are idempotent).
 * Costs a second copy of the document per loaded board, only when instances share boards; the room
 * checkpoints that copy (`stateAtLastEntry`), which is exactly the board as of its last entry.
 */
export class SeqOrderedChanges implements AcceptedEntries {
  private readonly doc = new Y.Doc({ guid: 'board' })
  private readonly collector = new ChangeCollector()

  /** `state`: the board exactly as of the last entry the room has applied (no entry after it). */
  constructor(
    state: Uint8Array,
    private readonly deliver: (entry: JournalEntry, changes: AcceptedChanges) => void
  ) {
    // Typed before anything is applied, as the room's document is: the collector reads them as maps.
    for (const name of ['concepts', 'links', 'meta']) this.doc.getMap(name)
    Y.applyUpdate(this.doc, state)
    this.doc.on('afterTransaction', this.collector.observe)
  }

  accepted(entry: JournalEntry): void {
    this.deliver(entry, this.derive(entry.update))
  }

  /** The changes of the next entry in seq order. */
  derive(update: Uint8Array): AcceptedChanges {
    this.collector.reset()
    Y.applyUpdate(this.doc, update)
    return this.collector.take()
  }

  stateAtLastEntry(): Uint8Array {
    return Y.encodeStateAsUpdateV2(this.doc)
  }

  close(): void {
    this.doc.destroy()
  }
}
