import type * as Y from 'yjs'
import type { AcceptedEntries } from '../sync/accepted-port'
import type { JournalEntry } from '../sync/journal-port'
import { ChangeCollector, NO_CHANGES, type AcceptedChanges } from './accepted-changes'

/**
 * Derives what each of a room's entries changed from the transactions that made it on the room's own
 * document, with no second copy of the board: for a room alone on its board, whose entries are all
 * its own, journaled in the order it made them. A change's events and values are taken when it is
 * staged (right after it was applied: an asynchronous journal commits one change while the next is
 * applied) and handed on when its entry is accepted.
 */
export class DocumentChanges implements AcceptedEntries {
  private readonly collector = new ChangeCollector()
  /** Staged changes whose entries are not accepted yet, oldest first. */
  private readonly waiting: AcceptedChanges[] = []

  constructor(private readonly deliver: (entry: JournalEntry, changes: AcceptedChanges) => void) {}

  transaction(transaction: Y.Transaction): void {
    this.collector.observe(transaction)
  }

  staged(): void {
    this.waiting.push(this.collector.take())
  }

  discarded(): void {
    this.collector.reset()
  }

  accepted(entry: JournalEntry): void {
    // Nothing staged: the entry was not made here (see AcceptedFeed.listen); it is recorded as changing nothing.
    this.deliver(entry, this.waiting.shift() ?? NO_CHANGES)
  }
}
