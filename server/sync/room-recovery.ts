import type * as Y from 'yjs'
import { CloseCode } from '../../shared/close-codes'
import { rebuildDocument } from './document-rebuild'
import type { Sender } from './client-updates'
import type { BoardJournal, JournalEntry } from './journal-port'
import type { JournalCommits } from './journal-commits'
import type { SyncLogger } from './logger-port'
import type { RoomConnection } from './room-connection'
import type { RoomDocument } from './room-document'
import type { Participant } from './sync-socket'

export interface RoomRecoveryDeps {
  boardId: string
  journal: BoardJournal
  log: SyncLogger
  /** See RoomPolicy.declareTypes. */
  declareTypes(doc: Y.Doc): void
  document: RoomDocument
  commits: JournalCommits<Sender | null>
  lastSeq(): number
  /** Entries this instance committed past `lastSeq` (see SeqOrder.committedAhead). */
  committedAhead(): readonly JournalEntry[]
  failed(): boolean
  fail(error: Error): void
  /** Told before the sender is closed (see BoardRoom.onInvalidUpdate). */
  invalidUpdate(participant: Participant): void
}

/**
 * What a room does when Yjs throws midway through a (crafted) update: only its sender is closed, the
 * others stay, and the document is rebuilt from the journal.
 */
export class RoomRecovery {
  constructor(private readonly deps: RoomRecoveryDeps) {}

  unapplyable(conn: RoomConnection, error: unknown): Promise<void> {
    this.deps.log.warn({ board: this.deps.boardId, participant: conn.participant.id, err: error }, 'update cannot be applied; rebuilding the document')
    // Told first, so that a participant refused for doing it again is closed with 4403 rather than 4400.
    this.deps.invalidUpdate(conn.participant)
    conn.close(CloseCode.malformed, 'update cannot be applied')
    return this.rebuild()
  }

  /**
   * Yjs may have integrated part of an update before it threw: the document no longer equals the
   * journal (a later encode may even throw), and what it took in was never journaled nor relayed. It
   * is replaced by one rebuilt from the journal, which is what every client has seen. Runs on the
   * queue, so nothing is handled against the half-applied document; messages wait meanwhile. Updates
   * held for missing dependencies go with the old document (the bad one may be among them): a client
   * resends what the server lacks when it next syncs. Presence is untouched (see RoomPresence).
   */
  private async rebuild(): Promise<void> {
    const { deps } = this
    try {
      const replaced = await deps.document.rebuild(async () => {
        // Appends in flight hold updates applied before the bad one: the rebuild must include them.
        await deps.commits.settled()
        if (deps.failed()) return null
        const doc = await rebuildDocument(deps.journal, deps.lastSeq(), deps.committedAhead(), (doc) => deps.declareTypes(doc))
        return deps.failed() ? (doc.destroy(), null) : doc
      })
      if (replaced) deps.log.info({ board: deps.boardId, seq: deps.lastSeq() }, 'document rebuilt from the journal')
    } catch (e) {
      deps.fail(new Error(`document cannot be rebuilt after an update failed midway: ${(e as Error).message}`))
    }
  }
}
