import type * as Y from 'yjs'
import type { JournalEntry } from './journal-port'

/**
 * The room's one port for what it accepted, for whatever is derived from the journal as the board
 * goes (derived history, in server/history). The room tells it each entry in seq order, after the
 * entry was journaled and relayed; the sync core itself derives nothing.
 *
 * What an entry changed depends on the board just before it. Alone on a board, the room's own
 * document is that board, so a port may watch the transactions that make each of the room's changes
 * (`transaction`, `staged`, `discarded`) instead of keeping a second copy. With other instances on
 * the board the document may hold entries out of seq order: a port then keeps its own copy fed from
 * `accepted`, and may offer it for checkpoints (`stateAtLastEntry`).
 */
export interface AcceptedEntries {
  /**
   * Each transaction on the room's document (in `afterTransaction`, after the policy's review: what
   * it deleted is still readable), the rebuilt document's too once one replaces it.
   */
  transaction?(transaction: Y.Transaction): void
  /**
   * The transactions since the last `staged` or `discarded` make the room's next change of its own:
   * it is being appended now, and is `accepted` once journaled (in the order staged).
   */
  staged?(): void
  /** The transactions since the last `staged` or `discarded` go nowhere (refused, or the document is rebuilt). */
  discarded?(): void
  /** `entry` is the next in seq order, journaled and relayed: the document holds everything up to it. */
  accepted(entry: JournalEntry): void
  /** The board exactly as of the last entry accepted (Yjs v2), when the port keeps it apart from the room's document. */
  stateAtLastEntry?(): Uint8Array | null
  /** The room is closing (after its last entry). */
  close?(): void
}
