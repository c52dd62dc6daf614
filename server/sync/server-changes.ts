import type * as Y from 'yjs'
import type { ClientIdBindings } from './client-id-bindings'
import type { Sender } from './client-updates'
import type { JournalCommits } from './journal-commits'
import type { RoomDocument } from './room-document'

/** The author recorded for changes the server makes itself (schema migrations, imports). */
export const SYSTEM_PARTICIPANT_ID = 'system'

export interface ServerChangeDeps {
  enqueue(task: () => void): void
  document: RoomDocument
  commits: JournalCommits<Sender | null>
  bindings: ClientIdBindings
  now(): number
}

/**
 * Changes the server makes to a room's document itself (migrations, imports, stream uploads, vote
 * tallies): run on the room's queue like any client's message, journaled and relayed like any edit.
 */
export class ServerChanges {
  constructor(private readonly deps: ServerChangeDeps) {}

  /**
   * Runs `mutate` on the document; resolves to what it returned once the change is applied, or
   * rejects with what it threw. A `mutate` that throws must do so before it writes anything (the
   * stream upload checks everything first: all or nothing).
   */
  change<T>(mutate: (doc: Y.Doc) => T, participantId: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.deps.enqueue(() => {
        const { document, commits, bindings } = this.deps
        let result: T
        try {
          document.reset()
          result = mutate(document.doc)
        } catch (err) {
          reject(err)
          return
        }
        const effective = document.takeUpdate()
        if (effective) {
          // The server wrote under its document's client id: no client may (see ClientIdBindings).
          bindings.note(SYSTEM_PARTICIPANT_ID, [document.doc.clientID])
          commits.append({ at: this.deps.now(), participantId, update: effective }, null)
        }
        resolve(result)
      })
    })
  }
}
