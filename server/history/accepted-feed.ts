import * as Y from 'yjs'
import type { AcceptedEntries } from '../sync/accepted-port'
import type { JournalEntry } from '../sync/journal-port'
import type { AcceptedChanges } from './accepted-changes'
import { DocumentChanges } from './document-changes'
import { SeqOrderedChanges } from './seq-ordered-changes'

/** Called after each journal append, with what the entry changed (events and plain map values). */
export type AcceptedListener = (entry: JournalEntry, changes: AcceptedChanges) => void

/** What the feed needs of a loaded room (a BoardRoom). */
export interface TappableRoom {
  readonly boardId: string
  readonly doc: Y.Doc
  /** Whether other instances may serve the board at the same time. */
  readonly shared: boolean
  tapAccepted(entries: AcceptedEntries): void
}

/**
 * Hands each of a room's entries, in seq order, with what it changed to those who listen (derived
 * history). Nothing is derived until someone listens: the first listener taps the room's one port
 * for accepted entries. Alone, the changes are collected on the room's document as each change is
 * made (DocumentChanges); with other instances sharing the board, on a private copy fed in seq order
 * (SeqOrderedChanges).
 */
export class AcceptedFeed {
  private readonly listeners: AcceptedListener[] = []

  constructor(
    private readonly room: TappableRoom,
    private readonly warn: (err: Error, message: string) => void
  ) {}

  /**
   * Call right after the room loaded: its document is then exactly the journal up to its seq, and
   * none of its changes waits to be journaled (DocumentChanges pairs each staged change with the
   * next entry accepted).
   */
  listen(listener: AcceptedListener): void {
    if (this.listeners.length === 0) {
      const { room } = this
      room.tapAccepted(room.shared ? new SeqOrderedChanges(Y.encodeStateAsUpdate(room.doc), this.deliver) : new DocumentChanges(this.deliver))
    }
    this.listeners.push(listener)
  }

  /** A listener that throws is logged and the others still hear. */
  private readonly deliver = (entry: JournalEntry, changes: AcceptedChanges): void => {
    for (const listener of this.listeners) {
      try {
        listener(entry, changes)
      } catch (err) {
        this.warn(err as Error, 'accepted listener failed')
      }
    }
  }
}
