import * as Y from 'yjs'
import type { JournalEntry } from './journal-port'
import type { AcceptedChanges } from './accepted-changes'
import type { RoomDocument } from './room-document'
import { SeqOrderedChanges } from './seq-ordered-changes'

/** Called after each journal append, with what the entry changed (events and plain map values). */
export type AcceptedListener = (entry: JournalEntry, changes: AcceptedChanges) => void

/**
 * Hands each of a room's entries, in seq order, with what it changed to those who listen (derived
 * history). Nothing is derived until someone listens. Alone, the changes are collected on the room's
 * document as each update is applied; with other instances sharing the board, on a private copy fed
 * in seq order (see SeqOrderedChanges).
 */
export class AcceptedFeed {
  private readonly listeners: AcceptedListener[] = []
  private ordered: SeqOrderedChanges | null = null

  constructor(
    private readonly document: RoomDocument,
    private readonly warn: (err: Error, message: string) => void
  ) {}

  /** Call when the document is exactly the journal up to the room's seq. */
  listen(listener: AcceptedListener, shared: boolean): void {
    if (this.listeners.length === 0) {
      if (shared) this.ordered = new SeqOrderedChanges(Y.encodeStateAsUpdate(this.document.doc))
      else this.document.collectChanges()
    }
    this.listeners.push(listener)
  }

  /** `entry` is the next in seq order; a listener that throws is logged and the others still hear. */
  deliver(entry: JournalEntry): void {
    if (this.listeners.length === 0) return
    const changes = this.ordered ? this.ordered.derive(entry.update) : this.document.takeChanges()
    for (const listener of this.listeners) {
      try {
        listener(entry, changes)
      } catch (err) {
        this.warn(err as Error, 'accepted listener failed')
      }
    }
  }

  /** With other instances: the board as of the last entry delivered (else null: the room's document is). */
  orderedState(): Uint8Array | null {
    return this.ordered ? this.ordered.encodeStateV2() : null
  }

  destroy(): void {
    this.ordered?.destroy()
  }
}
