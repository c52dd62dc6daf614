import { diffUpdate, encodeStateVector, parseUpdateMeta } from 'yjs'
import type { BoardJournal, JournalEntry } from './journal-port'

/** Reads a board's journal from its start, entry by entry (see BoardJournal.read). */
export type JournalScan = (visit: (entry: JournalEntry) => void) => Promise<void>

/**
 * Which participant each Yjs client id of a board belongs to: the one that first wrote under it. The
 * structs of an update under another participant's client id are dropped (see ClientUpdates): accepted,
 * it would take the clocks that participant's own later edits use, and Yjs would then skip those
 * edits as already known (they would never be journaled, and that participant would diverge for
 * good). Deletions name other clients' items and are no claim. The server's own changes are never
 * checked (it writes under its document's client id).
 *
 * The journal is the record: ids written since the room loaded are bound as they are written; one
 * the document knows from before (a restart) is looked up by reading the journal once, on first need.
 */
export class ClientIdBindings {
  private readonly owners = new Map<number, string>()
  private scan: Promise<void> | null = null

  constructor(private readonly readJournal: JournalScan) {}

  /** Records the writers of an entry journaled here or by another instance (the first one wins). */
  note(participantId: string, clients: Iterable<number>): void {
    for (const client of clients) if (!this.owners.has(client)) this.owners.set(client, participantId)
  }

  /**
   * The ids among `clients` that belong to another participant than `participantId`; the others are
   * bound to it. `known(id)`: the board's document already holds structs of that id.
   */
  foreign(participantId: string, clients: readonly number[], known: (client: number) => boolean): number[] | Promise<number[]> {
    const unbound = clients.filter((c) => !this.owners.has(c) && known(c))
    if (unbound.length > 0 && this.scan === null) {
      this.scan = this.readJournal((entry) => this.note(entry.participantId, writersOf(entry.update).clients))
      return this.scan.then(() => this.decide(participantId, clients))
    }
    if (unbound.length > 0) return this.scan!.then(() => this.decide(participantId, clients))
    return this.decide(participantId, clients)
  }

  private decide(participantId: string, clients: readonly number[]): number[] {
    const foreign = clients.filter((c) => (this.owners.get(c) ?? participantId) !== participantId)
    // The foreign ids' structs are dropped (see ClientUpdates); the rest is written, so bound here.
    this.note(participantId, foreign.length === 0 ? clients : clients.filter((c) => !foreign.includes(c)))
    return foreign
  }
}

/** What an update (v1) writes: the client ids its structs use, and how many clock units they take. */
export interface UpdateWriters {
  clients: number[]
  /** Structs, counted in clock units (an item of text counts one per character). */
  units: number
  /** The clocks the update's structs span, per client: [from, to) (Y.parseUpdateMeta). */
  from: Map<number, number>
  to: Map<number, number>
}

/** Reads an update's structs without applying them. Throws on an undecodable update. */
export function writersOf(update: Uint8Array): UpdateWriters {
  const { from, to } = parseUpdateMeta(update)
  const clients: number[] = []
  let units = 0
  for (const [client, clock] of to) {
    const start = from.get(client) ?? 0
    if (clock <= start) continue
    clients.push(client)
    units += clock - start
  }
  return { clients, units, from, to }
}

/** Reads `journal` from its first entry, a page at a time; an entry `visit` cannot read is `skipped`. */
export function journalScan(journal: Pick<BoardJournal, 'read'>, skipped: (err: unknown, seq: number) => void): JournalScan {
  return async (visit) => {
    for (let after = 0; ; ) {
      const entries = await journal.read(after, 1000)
      if (entries.length === 0) return
      for (const entry of entries) {
        try {
          visit(entry)
        } catch (err) {
          skipped(err, entry.seq)
        }
      }
      after = entries[entries.length - 1]!.seq
    }
  }
}

/** `update` without the structs of `clients` (their deletions of others' items stay: no claim). */
export function withoutClients(update: Uint8Array, clients: readonly number[]): Uint8Array {
  return diffUpdate(update, encodeStateVector(new Map(clients.map((c) => [c, Number.MAX_SAFE_INTEGER]))))
}
